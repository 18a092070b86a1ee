#!/bin/sh
# Benchmarks Signpost against Knot, NSD and node-ceiling (see bench/README.md).
#   sh bench/run.sh                 one core each: servers on core 0, dnsperf on core 1
#   sh bench/run.sh --all-cores     Signpost --workers 2 vs --workers 0, nothing pinned
# Extra options pass through to bench/run.ts: --rounds N, --seconds S, --only NAME, --out DIR.
# BENCH=bench/routing.ts runs another benchmark program the same way (bench/routing.sh does).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-tools.sh
NODE=node_modules/.bin/node
if [ ! -x "$NODE" ]; then
  echo "bench: $NODE missing: run npm ci first" >&2
  exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "bench: needs 2 cores (server on one, dnsperf on the other)" >&2
  exit 1
fi
exec "$NODE" "${BENCH:-bench/run.ts}" "$@"
