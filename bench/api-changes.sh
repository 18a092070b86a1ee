#!/bin/sh
# Benchmarks the Route 53 API's change path: ChangeResourceRecordSets calls per second, and the
# delay from the API reply until DNS answers the change (see bench/README.md, "API changes").
# Options pass through to bench/api-changes.ts: --seconds S, --changes N, --zone-sizes A,B,
# --concurrency 1,4,16, --workers-concurrency 16, --big-batch N, --big-batch-clients C, --worker-ports N,
# --servers 0,2, --base-port P, --out DIR.
set -eu
cd "$(dirname "$0")/.."
NODE=node_modules/.bin/node
if [ ! -x "$NODE" ]; then
  echo "bench: $NODE missing: run npm ci first" >&2
  exit 1
fi
exec "$NODE" bench/api-changes.ts "$@"
