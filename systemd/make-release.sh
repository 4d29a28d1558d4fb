#!/usr/bin/env bash
# 打发布包 / build a release tarball for install.sh:
#   npm run build && systemd/make-release.sh [OUT_DIR]
# -> OUT_DIR/trace-station-<version>.tar.gz with package.json, package-lock.json and every
# entry of package.json "files" (dist/, data files, kiosk, systemd/). `npm pack` is not used
# because it leaves out package-lock.json, which `npm ci` on the station needs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-.}
[ -f dist/edge/cli/main.js ] || { echo "先构建 / build first: npm run build" >&2; exit 1; }
VERSION=$(node -p "require('./package.json').version")
mapfile -t FILES < <(node -p "require('./package.json').files.join('\n')")
ITEMS=(package.json package-lock.json)
for f in "${FILES[@]}"; do [ -e "$f" ] && ITEMS+=("$f"); done
[ -f README.md ] && ITEMS+=(README.md)
mkdir -p "$OUT"
TARBALL=$(cd "$OUT" && pwd)/trace-station-$VERSION.tar.gz
# --exclude: source maps stay; TypeScript sources of the data directories do not belong in a release.
tar -czf "$TARBALL" --exclude='*.ts' "${ITEMS[@]}"
echo "$TARBALL"
