#!/bin/sh
# Installs the servers the routing benchmark compares Signpost with, only if missing:
#   pdns_server   pdns-server + pdns-backend-bind (PowerDNS with LUA records, bind backend)
#   gdnsd         gdnsd (dynamic resources: weighted, multifo with tcp_connect checks)
# Used only by bench/routing.sh; `npm test` never installs them. Never leaves a distribution
# service running: the image's policy-rc.d forbids starting them (one is created for the
# install if missing), and any pdns_server or gdnsd on the distribution config is stopped.
set -eu

missing=""
[ -x /usr/sbin/pdns_server ] || missing="$missing pdns-server"
[ -e /usr/lib/x86_64-linux-gnu/pdns/libbindbackend.so ] || ls /usr/lib/*/pdns/libbindbackend.so >/dev/null 2>&1 || missing="$missing pdns-backend-bind"
[ -x /usr/sbin/gdnsd ] || missing="$missing gdnsd"

if [ -z "$missing" ]; then
  echo "install-peers: all present (pdns_server with bind backend, gdnsd)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-peers: need root to install:$missing" >&2
    exit 1
  fi
fi

echo "install-peers: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

$SUDO apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

for svc in pdns gdnsd; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    echo "install-peers: stopping system service $svc"
    $SUDO systemctl stop "$svc" || true
    $SUDO systemctl disable "$svc" >/dev/null 2>&1 || true
  fi
done
for bin in pdns_server gdnsd; do
  for pid in $(pgrep -x "$bin" 2>/dev/null || true); do
    # Ours always run with a private config directory under bench/out.
    if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'bench/out\|bench-out'; then
      echo "install-peers: stopping system $bin (pid $pid)"
      $SUDO kill "$pid" || true
    fi
  done
done

for b in /usr/sbin/pdns_server /usr/sbin/gdnsd; do
  [ -x "$b" ] || { echo "install-peers: $b still missing" >&2; exit 1; }
done
echo "install-peers: done"
