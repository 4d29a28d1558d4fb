#!/usr/bin/env bash
# trace-station 卸载 / uninstall.
#
#   sudo ./uninstall.sh            删除程序、服务、udev 规则；保留配置、数据和用户
#                                  remove the program, unit and udev rules; keep config, data and user
#   sudo ./uninstall.sh --purge    同时删除 /etc/trace-station、/var/lib/trace-station 和用户（数据不可恢复！）
#                                  also delete config, data and the user (the data is gone for good!)
#   option: --root DIR             operate under DIR instead of /
set -euo pipefail

APP=trace-station
ROOT=/
PURGE=0
say() { printf '%s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --purge) PURGE=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) say "未知选项 / unknown option: $1"; exit 1 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { say "需要 root（sudo）/ run as root (sudo)"; exit 1; }
ROOT=$(cd "$ROOT" && pwd)
R=${ROOT%/}
ROOT_ARGS=()
[ -n "$R" ] && ROOT_ARGS=(--root "$ROOT")

if [ -z "$R" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now "$APP.service" 2>/dev/null || true
fi
rm -f "$R/etc/systemd/system/$APP.service" "$R/etc/udev/rules.d/99-$APP.rules" "$R/usr/local/bin/$APP"
rm -rf "${R:?}/opt/$APP" 2>/dev/null || rm -rf "$R/opt/$APP"
if [ -z "$R" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
if [ -z "$R" ] && command -v udevadm >/dev/null 2>&1 && [ -d /run/udev ]; then udevadm control --reload || true; fi

if [ "$PURGE" -eq 1 ]; then
  rm -rf "$R/etc/$APP" "$R/var/lib/$APP"
  if grep -q "^$APP:" "$R/etc/passwd" 2>/dev/null; then userdel "${ROOT_ARGS[@]}" "$APP" || true; fi
  say "已彻底删除（含配置与数据）/ purged, including config and data"
else
  say "已卸载；保留 / removed; kept: /etc/$APP, /var/lib/$APP, user $APP（彻底删除用 --purge / use --purge to delete them）"
fi
