#!/bin/sh
# Routing-policy benchmark (see bench/README.md, "Routing policies"): Signpost's static,
# weighted, failover, geolocation and latency answers per core-second, beside PowerDNS LUA
# records and gdnsd DYNA resources. Servers on core 0, dnsperf on core 1.
# Options pass through to bench/routing.ts: --rounds N, --seconds S, --only NAME,
# --workloads a,b, --base-port P, --out DIR, --signpost-arg ARG (repeatable).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-tools.sh
sh bench/install-peers.sh
NODE=node_modules/.bin/node
if [ ! -x "$NODE" ]; then
  echo "bench: $NODE missing: run npm ci first" >&2
  exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "bench: needs 2 cores (server on one, dnsperf on the other)" >&2
  exit 1
fi
exec "$NODE" bench/routing.ts "$@"
