#!/bin/sh
# Routing-policy benchmark (see bench/README.md, "Routing policies"): Signpost's static,
# weighted, failover, geolocation and latency answers per core-second, beside PowerDNS LUA
# records and gdnsd DYNA resources. Servers on core 0, dnsperf on core 1.
# Options pass through to bench/routing.ts: --rounds N, --seconds S, --only NAME,
# --workloads a,b, --base-port P, --out DIR, --signpost-arg ARG (repeatable).
set -eu
cd "$(dirname "$0")/.."
sh bench/install-peers.sh
BENCH=bench/routing.ts exec sh bench/run.sh "$@"
