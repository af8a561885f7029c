#!/usr/bin/env bash
# Installs the real peers the end-to-end tests drive, from Debian's packages, when missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing test peers: ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
  exit 1
fi
echo "installing test peers: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
for peer in "${need[@]}"; do command -v "$peer" >/dev/null || { echo "failed to install $peer" >&2; exit 1; }; done
