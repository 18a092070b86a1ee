#!/bin/sh
# All-cores benchmark: Signpost with one DNS process pinned to one core (--workers 0) against
# two worker processes with SO_REUSEPORT sockets (--workers 2, unpinned), driven by udp-blast,
# a batching client that costs less than half a core (dnsperf costs a whole one here, which
# leaves a 2-core machine no room for a second server core). Interleaved rounds, medians.
#
#   sh bench/all-cores.sh [ROUNDS=3] [SECONDS=8]
#
# Needs: cc, python3, and the zone from bench/make-zone.py (made here). Loopback only.
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-8}
OUT=bench/out
mkdir -p "$OUT"
cc -O2 -Wall -o "$OUT/udp-blast" bench/udp-blast.c
[ -f "$OUT/queries.txt" ] || python3 bench/make-zone.py --out "$OUT" >/dev/null
DATA="$OUT/all-cores-data"
rm -rf "$DATA"
./bin/signpost zone import example.test "$OUT/zones/example.test.zone" --data-dir "$DATA" >/dev/null

run_server() { # run_server PORT WORKERS PIN
  if [ -n "$3" ]; then
    taskset -c "$3" ./bin/signpost start --roles dns --data-dir "$DATA" --workers "$2" --dns-listen "127.0.0.1:$1" --log-level warn >"$OUT/all-cores-$2.log" 2>&1 &
  else
    ./bin/signpost start --roles dns --data-dir "$DATA" --workers "$2" --dns-listen "127.0.0.1:$1" --log-level warn >"$OUT/all-cores-$2.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 100); do grep -q 'signpost ready' "$OUT/all-cores-$2.log" 2>/dev/null && break; sleep 0.1; done
  echo "$pid"
}

P0=$(run_server 5321 0 0)
P2=$(run_server 5322 2 "")
trap 'kill $P0 $P2 2>/dev/null || true' EXIT INT TERM
# Warm up both (response caches fill on first sight of each name).
"$OUT/udp-blast" 127.0.0.1 5321 "$OUT/queries.txt" 2 >/dev/null
"$OUT/udp-blast" 127.0.0.1 5322 "$OUT/queries.txt" 2 >/dev/null

w0=""; w2=""
for r in $(seq 1 "$ROUNDS"); do
  a=$("$OUT/udp-blast" 127.0.0.1 5321 "$OUT/queries.txt" "$SECS" | awk '{print $8}')
  b=$("$OUT/udp-blast" 127.0.0.1 5322 "$OUT/queries.txt" "$SECS" | awk '{print $8}')
  echo "round $r  --workers 0 (one core): $a qps   --workers 2 (both cores): $b qps"
  w0="$w0 $a"; w2="$w2 $b"
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m0=$(median $w0); m2=$(median $w2)
echo
echo "| signpost | qps (median of $ROUNDS) |"
echo "|---|---|"
echo "| --workers 0, pinned to one core | $m0 |"
echo "| --workers 2, both cores | $m2 |"
echo "both cores / one core: $(echo "$m2 $m0" | awk '{printf "%.2f", $1/$2}')"
