#!/usr/bin/env bash
# 打 .deb 包 / build the Debian package (npm run release):
#   npm ci && npm run release [-- OUT_DIR]      -> OUT_DIR/trace-station_<version>_<arch>.deb
# Built on the machine it is for: node_modules holds native modules (better-sqlite3,
# serialport, resvg) compiled for this architecture, so the box installs offline with
# `sudo apt install ./trace-station_<version>_<arch>.deb` and never runs npm or a compiler.
# Build arm64 on a 64-bit Raspberry Pi OS, armhf on a 32-bit one (systemd/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-release}
APP=trace-station
[ -f dist/edge/cli/main.js ] || { echo "先构建 / build first: npm run build" >&2; exit 1; }
[ -d node_modules ] || { echo "先安装依赖 / install dependencies first: npm ci" >&2; exit 1; }
VERSION=$(node -p "require('./package.json').version")
ARCH=$(dpkg --print-architecture)
NODE_FLOOR=20.19

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
LIB=$STAGE/usr/lib/$APP
mkdir -p "$LIB" "$STAGE/DEBIAN" "$STAGE/lib/systemd/system" "$STAGE/lib/udev/rules.d" "$STAGE/usr/bin"

# What runs: package.json "files" (dist, data files, kiosk, fonts, systemd) and the lock.
mapfile -t FILES < <(node -p "require('./package.json').files.join('\n')")
for item in package.json package-lock.json README.md "${FILES[@]}"; do
  [ -e "$item" ] || continue
  mkdir -p "$LIB/$(dirname "$item")"
  cp -a "$item" "$LIB/$item"
done
find "$LIB/dist" -name '*.ts' -delete 2>/dev/null || true
rm -rf "$LIB/systemd/deb"
# Production dependencies only, from this checkout's node_modules (already built for this
# machine): prune needs no registry.
cp -a node_modules "$LIB/node_modules"
(cd "$LIB" && npm prune --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null)

# The unit and command point at /usr/lib/trace-station instead of install.sh's /opt layout.
sed "s#/opt/$APP/current#/usr/lib/$APP#g" systemd/$APP.service > "$STAGE/lib/systemd/system/$APP.service"
install -m 0644 systemd/99-$APP.rules "$STAGE/lib/udev/rules.d/99-$APP.rules"
printf '#!/bin/sh\nexport STATE_DIRECTORY="${STATE_DIRECTORY:-/var/lib/%s}"\nexec /usr/bin/node /usr/lib/%s/dist/edge/cli/main.js "$@"\n' \
  "$APP" "$APP" > "$STAGE/usr/bin/$APP"
chmod 0755 "$STAGE/usr/bin/$APP"
# Completion from the commands' own usage lines (edge/cli/completion.ts).
mkdir -p "$STAGE/usr/share/bash-completion/completions"
node dist/edge/cli/main.js completion bash > "$STAGE/usr/share/bash-completion/completions/$APP"
install -m 0755 systemd/deb/postinst systemd/deb/prerm systemd/deb/postrm "$STAGE/DEBIAN/"

SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $APP
Version: $VERSION
Architecture: $ARCH
Maintainer: trace-station <noreply@trace-station.invalid>
Depends: nodejs (>= $NODE_FLOOR), passwd, systemd
Section: misc
Priority: optional
Installed-Size: $SIZE
Description: 农产品质量安全追溯站 / agricultural traceability edge station
 Embedded MQTT broker, SQLite store, batch and certificate records, QR label and
 承诺达标合格证 printing, uplink to provincial and national platforms. Node.js ^20.19 or
 >= 22.12 (Debian 12: NodeSource nodejs 22).
CONTROL

mkdir -p "$OUT"
DEB=$(cd "$OUT" && pwd)/${APP}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zgzip -b "$STAGE" "$DEB" >/dev/null
echo "$DEB"
