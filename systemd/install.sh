#!/usr/bin/env bash
# trace-station 安装 / 升级 / 回滚 — install, upgrade or roll back a release on Debian / Raspberry Pi OS.
#
#   sudo ./install.sh [RELEASE]          安装或升级 / install or upgrade (RELEASE: a directory or .tar.gz;
#                                        default: the release this script sits in)
#   sudo ./install.sh --rollback         回到上一版本 / switch back to the previous release
#   options: --root DIR    install under DIR instead of / (packaging, tests)
#            --no-start    install and enable, but do not (re)start the service
#            --skip-npm    do not run npm ci (also: TRACE_STATION_SKIP_NPM=1)
#
# Idempotent: running it again with the same release changes nothing. An upgrade keeps
# /etc/trace-station (config) and /var/lib/trace-station (data); the old release stays under
# /opt/trace-station/releases for --rollback. See systemd/README.md.
set -euo pipefail

APP=trace-station
ROOT=/
SOURCE=""
ROLLBACK=0
START=1
SKIP_NPM=${TRACE_STATION_SKIP_NPM:-0}
KEEP_RELEASES=3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

say() { printf '%s\n' "$*" >&2; }
die() { say "错误 / error: $*"; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --rollback) ROLLBACK=1; shift ;;
    --no-start) START=0; shift ;;
    --skip-npm) SKIP_NPM=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) die "未知选项 / unknown option: $1" ;;
    *) SOURCE=$1; shift ;;
  esac
done

ROOT=$(cd "$ROOT" && pwd)
R=${ROOT%/}                      # prefix for paths; empty when installing on /
OPT=$R/opt/$APP
ETC=$R/etc/$APP
STATE=$R/var/lib/$APP
UNIT_DIR=$R/etc/systemd/system
RULES_DIR=$R/etc/udev/rules.d
BIN=$R/usr/local/bin/$APP
ROOT_ARGS=()
[ -n "$R" ] && ROOT_ARGS=(--root "$ROOT")

[ "$(id -u)" -eq 0 ] || die "需要 root（sudo）/ run as root (sudo)"

# systemctl only on a box where systemd runs and we install onto / (not in CI or a prefix).
systemd_running() { [ -z "$R" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

restart_service() {
  if ! systemd_running; then
    say "未检测到运行中的 systemd，跳过启动 / no running systemd: not starting the service"
    return
  fi
  systemctl daemon-reload
  systemctl enable "$APP.service" >/dev/null
  if [ "$START" -eq 1 ]; then
    systemctl restart "$APP.service"
    say "已启动 / started: systemctl status $APP; journalctl -u $APP -f"
  fi
}

if [ "$ROLLBACK" -eq 1 ]; then
  [ -L "$OPT/previous" ] || die "没有上一版本可回滚 / no previous release to roll back to"
  cur=$(readlink "$OPT/current")
  prev=$(readlink "$OPT/previous")
  ln -sfn "$prev" "$OPT/current.new" && mv -T "$OPT/current.new" "$OPT/current"
  ln -sfn "$cur" "$OPT/previous.new" && mv -T "$OPT/previous.new" "$OPT/previous"
  say "已回滚 / rolled back: $cur -> $prev（配置与数据未动 / config and data untouched）"
  restart_service
  exit 0
fi

# ---- the release: a directory or a tarball ----
[ -n "$SOURCE" ] || SOURCE=$(dirname "$HERE")
WORK=""
cleanup() { [ -n "$WORK" ] && rm -rf "$WORK"; return 0; }
trap cleanup EXIT
if [ -f "$SOURCE" ]; then
  WORK=$(mktemp -d)
  tar -xzf "$SOURCE" -C "$WORK"
  # npm pack puts everything under package/.
  if [ -d "$WORK/package" ]; then SOURCE=$WORK/package; else SOURCE=$WORK; fi
fi
SOURCE=$(cd "$SOURCE" && pwd)
for f in package.json package-lock.json dist/edge/cli/main.js systemd/trace-station.service systemd/99-$APP.rules; do
  [ -e "$SOURCE/$f" ] || die "发布包缺少 / release lacks $f (build with: npm run build)"
done
# ---- Node.js: the floor package.json "engines" states (vite/vitest for building, and every
# runtime dependency: ^20.19.0 || >=22.12.0). Debian 12 ships Node 18 without npm, so say where
# to get one instead of dying half-way through an install.
NODE_HELP="安装 Node.js 22 / install Node.js 22: NodeSource (curl -fsSL https://deb.nodesource.com/setup_22.x | sudo bash - && sudo apt-get install -y nodejs) 或官方包 / or the official tarball from https://nodejs.org/dist/latest-v22.x/ unpacked under /usr/local (not /root or /home: the unit's ProtectHome= hides them)"
NODE=${TRACE_STATION_NODE:-$(command -v node || true)}
[ -n "$NODE" ] || die "未安装 Node.js / Node.js is not installed. $NODE_HELP"
NODE_VERSION=$("$NODE" -p process.versions.node) || die "无法运行 / cannot run $NODE. $NODE_HELP"
node_ok() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; } || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }
}
node_ok "$NODE_VERSION" || die "Node.js $NODE_VERSION 太旧 / too old (need ^20.19.0 || >=22.12.0). $NODE_HELP"
NODE=$(readlink -f "$NODE")
case "$NODE" in
  /root/* | /home/* | /run/user/*) die "Node.js 在 $NODE，服务看不到 / the service cannot see $NODE (ProtectHome=yes). $NODE_HELP" ;;
esac
VERSION=$("$NODE" -p "require(process.argv[1]).version" "$SOURCE/package.json")
[[ "$VERSION" =~ ^[0-9A-Za-z.+-]+$ ]] || die "版本号不对 / bad version in package.json: $VERSION"

# A fingerprint of what gets installed: the same release twice is a no-op.
fingerprint() {
  (cd "$1" && { cat package.json package-lock.json; find dist -type f -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)
}
FP=$(fingerprint "$SOURCE")

# ---- system user, in dialout (serial ports) and lp (USB printers) ----
for g in dialout lp; do
  grep -q "^$g:" "$R/etc/group" 2>/dev/null || groupadd "${ROOT_ARGS[@]}" --system "$g"
done
if ! grep -q "^$APP:" "$R/etc/passwd" 2>/dev/null; then
  useradd "${ROOT_ARGS[@]}" --system --user-group --home-dir /var/lib/$APP --no-create-home \
    --shell /usr/sbin/nologin --groups dialout,lp "$APP"
  say "已创建用户 / user created: $APP (dialout, lp)"
else
  usermod "${ROOT_ARGS[@]}" --append --groups dialout,lp "$APP"
fi

# ---- the release directory ----
mkdir -p "$OPT/releases"
DEST=$OPT/releases/$VERSION
if [ -f "$DEST/.fingerprint" ] && [ "$(cat "$DEST/.fingerprint")" = "$FP" ]; then
  say "版本 $VERSION 已安装，未改动 / release $VERSION already installed"
else
  STAGE=$OPT/releases/.$VERSION.new
  rm -rf "$STAGE"
  mkdir -p "$STAGE"
  # Only what runs: the lock file and package.json "files" (dist, data files, kiosk, systemd).
  mapfile -t FILES < <("$NODE" -p "require(process.argv[1]).files.join('\\n')" "$SOURCE/package.json")
  for item in package.json package-lock.json README.md "${FILES[@]}"; do
    if [ -e "$SOURCE/$item" ]; then
      mkdir -p "$STAGE/$(dirname "$item")"
      cp -a "$SOURCE/$item" "$STAGE/$item"
    fi
  done
  if [ -e "$SOURCE/node_modules" ]; then
    # A release built for this architecture with its dependencies (offline boxes).
    cp -a "$SOURCE/node_modules" "$STAGE/node_modules"
  elif [ "$SKIP_NPM" != "1" ]; then
    command -v npm >/dev/null 2>&1 ||
      die "没有 npm，且发布包不含 node_modules / no npm and the release has no node_modules: use the .deb (npm run release) or $NODE_HELP"
    say "安装运行依赖 / installing production dependencies (npm ci --omit=dev)"
    (cd "$STAGE" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts=false)
  else
    say "跳过 npm ci / npm ci skipped"
  fi
  echo "$FP" > "$STAGE/.fingerprint"
  rm -rf "$DEST"
  mv -T "$STAGE" "$DEST"
  say "已安装版本 / installed release $VERSION"
fi

# ---- switch current (keeping the one before as previous) ----
NEW_TARGET=releases/$VERSION
if [ -L "$OPT/current" ]; then
  OLD_TARGET=$(readlink "$OPT/current")
  if [ "$OLD_TARGET" != "$NEW_TARGET" ]; then
    ln -sfn "$OLD_TARGET" "$OPT/previous.new" && mv -T "$OPT/previous.new" "$OPT/previous"
  fi
fi
ln -sfn "$NEW_TARGET" "$OPT/current.new" && mv -T "$OPT/current.new" "$OPT/current"

# Keep the newest few releases; never the current or previous one.
keep_cur=$(basename "$(readlink "$OPT/current")")
keep_prev=$([ -L "$OPT/previous" ] && basename "$(readlink "$OPT/previous")" || true)
ls -1t "$OPT/releases" | tail -n +$((KEEP_RELEASES + 1)) | while read -r old; do
  [ "$old" = "$keep_cur" ] || [ "$old" = "$keep_prev" ] || rm -rf "${OPT:?}/releases/$old"
done

# ---- command for technicians ----
mkdir -p "$(dirname "$BIN")"
# The data directory systemd gives the service, so doctor and the CLI see the same store.
printf '#!/bin/sh\nexport STATE_DIRECTORY="${STATE_DIRECTORY:-/var/lib/%s}"\nexec %s /opt/%s/current/dist/edge/cli/main.js "$@"\n' \
  "$APP" "$NODE" "$APP" > "$BIN.new"
chmod 0755 "$BIN.new" && mv -f "$BIN.new" "$BIN"

# ---- config (never overwritten) and data ----
mkdir -p "$ETC" "$STATE"
if [ ! -e "$ETC/config.yaml" ]; then
  "$NODE" "$DEST/dist/edge/cli/main.js" init --out "$ETC/config.yaml" >/dev/null
  say "已生成配置 / config written: /etc/$APP/config.yaml（请按现场修改，必须填 labels.qr.baseUrl / edit for this site; labels.qr.baseUrl must be filled in）"
else
  say "保留现有配置 / keeping config: /etc/$APP/config.yaml"
fi
if [ -z "$R" ]; then
  chown root:"$APP" "$ETC" "$ETC/config.yaml"
  chmod 0750 "$ETC"
  chmod 0640 "$ETC/config.yaml"
  chown "$APP:$APP" "$STATE"
  chmod 0750 "$STATE"
fi

# ---- systemd unit and udev rules ----
mkdir -p "$UNIT_DIR" "$RULES_DIR"
sed "s#/usr/bin/node #$NODE #" "$DEST/systemd/trace-station.service" > "$UNIT_DIR/$APP.service.new"
mv -f "$UNIT_DIR/$APP.service.new" "$UNIT_DIR/$APP.service"
install -m 0644 "$DEST/systemd/99-$APP.rules" "$RULES_DIR/99-$APP.rules"
if [ -z "$R" ] && command -v udevadm >/dev/null 2>&1 && [ -d /run/udev ]; then
  udevadm control --reload && udevadm trigger --subsystem-match=tty --subsystem-match=usbmisc || true
fi

restart_service
say "完成 / done: $APP $VERSION -> /opt/$APP/current；检查 / check: sudo -u $APP $APP doctor --config /etc/$APP/config.yaml"
