#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: socat (pty pairs for serial
# devices), mosquitto (a second, independent upstream broker), chromium (kiosk end-to-end),
# systemd (systemd-analyze for the unit), fonts-noto-cjk (the reference the font in the box is
# compared with), jq (the journal recipes).
# Idempotent: does nothing when everything is present. Never starts the packages' services.
set -euo pipefail

need=()
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
# python3: the fake systemd notify socket (unix datagram) in test/helpers/ops-notify-socket.ts.
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
# jq: the journal recipes in systemd/README.md are run as written (test/integration/core/journal-log.test.ts).
command -v jq >/dev/null 2>&1 || need+=(jq)
# util-linux: unshare hides the system fonts for the font-in-the-box test; dpkg: the .deb test.
command -v unshare >/dev/null 2>&1 || need+=(util-linux)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "需要 root 安装 / root needed to install: ${need[*]}" >&2
    exit 1
  fi
fi

echo "安装测试所需系统软件包 / installing test packages: ${need[*]}" >&2
# Keep package scripts from starting services (mosquitto would take port 1883 from the station).
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then $sudo rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
