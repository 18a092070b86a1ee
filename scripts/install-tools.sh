#!/bin/sh
# Installs the Debian packages that the differential tests and benchmarks need, but only
# those whose binaries are missing. Idempotent; prints nothing but one line when all is present.
#
#   dig            bind9-dnsutils
#   kdig           knot-dnsutils
#   knotd, knotc   knot          (reference server for test/differential and bench/)
#   nsd            nsd           (reference server for bench/)
#   dnsperf        dnsperf
#   /usr/bin/aws   awscli        (Route 53 API compatibility tests; a pyenv shim does not count)
#   openssl        openssl       (self-signed certificates for the HTTPS health-check tests)
#   ip             iproute2      (network namespaces and veth pairs in the private-zone tests)
#   chromium       chromium      (the console's browser tests, driven by playwright-core; never downloaded)
#   boto3          python3-boto3 (the --dev mode test module, test/dev-mode/, run by /usr/bin/python3)
#
# Must run as root (CI does) or with sudo available. Never leaves knot/nsd system services
# listening on port 53: Debian's postinst would start them; the image's policy-rc.d forbids
# it, and we stop them anyway if they turn out to be running.
set -eu

missing=""
need() { # need BINARY PACKAGE
  if [ ! -x "$1" ]; then
    case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
  fi
}

need /usr/bin/dig bind9-dnsutils
need /usr/bin/kdig knot-dnsutils
need /usr/sbin/knotd knot
need /usr/sbin/knotc knot
need /usr/sbin/nsd nsd
need /usr/bin/dnsperf dnsperf
need /usr/bin/aws awscli
need /usr/bin/openssl openssl
need /usr/bin/chromium chromium
command -v taskset >/dev/null 2>&1 || missing="$missing util-linux"
[ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || [ -x /usr/bin/ip ] || missing="$missing iproute2"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
/usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || missing="$missing python3-boto3"

if [ -z "$missing" ]; then
  echo "install-tools: all present (dig kdig knotd knotc nsd dnsperf aws ip openssl chromium boto3)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-tools: need root to install:$missing" >&2
    exit 1
  fi
fi

echo "install-tools: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# Keep postinst scripts from starting services, even on images without a policy-rc.d.
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

# Belt and braces: stop any distribution service that came up anyway.
for svc in knot nsd; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    echo "install-tools: stopping system service $svc"
    $SUDO systemctl stop "$svc" || true
    $SUDO systemctl disable "$svc" >/dev/null 2>&1 || true
  fi
done
for bin in knotd nsd; do
  for pid in $(pgrep -x "$bin" 2>/dev/null || true); do
    # Only daemons on the distribution config (the system service runs them without -c);
    # ours always pass -c with a private config.
    if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE ' -c [^ ]' ||
       tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE ' -c /etc/'; then
      echo "install-tools: stopping system $bin (pid $pid)"
      $SUDO kill "$pid" || true
    fi
  done
done
if command -v ss >/dev/null 2>&1 && ss -lnup 2>/dev/null | grep -qE ':53\b'; then
  echo "install-tools: warning: something listens on UDP port 53:" >&2
  ss -lnup | grep -E ':53\b' >&2 || true
fi

for b in /usr/bin/dig /usr/bin/kdig /usr/sbin/knotd /usr/sbin/knotc /usr/sbin/nsd /usr/bin/dnsperf /usr/bin/aws /usr/bin/chromium; do
  [ -x "$b" ] || { echo "install-tools: $b still missing" >&2; exit 1; }
done
/usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || { echo "install-tools: python3-boto3 still missing" >&2; exit 1; }
echo "install-tools: done"
