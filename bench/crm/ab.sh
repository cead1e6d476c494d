#!/usr/bin/env bash
# A/B of the list request on one machine: two nodes, A and B, each loaded alike by run.sh (PARTS=serve), then ROUNDS
# rounds of the list load (wrk, 2 threads, 50 connections, BURST long) against A and then B, after a WARMUP of each.
# On a host whose speed drifts (a shared VM: the same run can cost 2x more CPU an hour later), alternating short
# bursts compare two builds or two sets of flags far better than two runs one after the other.
# Reports each burst's requests/s, p50/p99 and the node's CPU per request (/proc), then the medians and B/A.
# MODE=rate replaces each wrk burst by the list at a fixed offered rate (RATE, default 2000/s, CrmBench.java rate: open
# loop over 50 connections, latency from when each request was due); its first column is then the achieved rate.
# Usage: bench/crm/ab.sh [sqlite|postgres]
# Environment: A_JAR, B_JAR (default platform/target/holdfast.jar), A_FLAGS, B_FLAGS (default run.sh's JVM_FLAGS, the
#   README's small-server flags), ROUNDS (6), BURST (10s), WARMUP (180s: C2 is still compiling after 60 s), ACCOUNTS (100000),
#   CONTACTS (200000); run.sh's other settings (AOT defaults to 0 here) pass through.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-sqlite}
ROUNDS=${ROUNDS:-6}
BURST=${BURST:-10s}
WARMUP=${WARMUP:-180s}
MODE=${MODE:-wrk}
RATE=${RATE:-2000}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
export ACCOUNTS=${ACCOUNTS:-100000} CONTACTS=${CONTACTS:-200000} AOT=${AOT:-0} PARTS=serve
OUT=$(mktemp -d /tmp/holdfast-bench-ab-XXXX)
SERVERS=()
cleanup() { for s in "${SERVERS[@]}"; do kill "$s" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$OUT"; }
trap cleanup EXIT
trap 'exit 143' INT TERM
log() { echo "# $(date -u +%H:%M:%S) $*" >&2; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start() {   # start NAME JAR FLAGS PORT (empty FLAGS: run.sh's default)
  log "$1: $2 with ${3:-the default JVM flags of run.sh}"
  JVM_FLAGS="$3" PORT=$4 PGDB="bench_ab_$1" bench/crm/run.sh "$DB" "$2" > "$OUT/$1.out" 2> "$OUT/$1.err" &
  SERVERS+=($!)
  until grep -q '^serve_base=' "$OUT/$1.out"; do
    kill -0 "${SERVERS[-1]}" 2>/dev/null || { tail -20 "$OUT/$1.err" >&2; exit 1; }
    sleep 1
  done
}
field() { grep -o "$2=[^ ]*" "$OUT/$1.out" | head -n 1 | cut -d= -f2-; }

burst() {   # burst NAME DURATION: one wrk run; prints "requests/s p50 p99 cpu_ms_per_request"
  local base pid lua before after
  base=$(field "$1" serve_base); pid=$(field "$1" serve_pid); lua=$(field "$1" serve_lua)
  if [ "$MODE" = rate ] && [ "$2" = "$BURST" ]; then
    "$JAVA" bench/crm/CrmBench.java rate "$base" "$(field "$1" serve_key)" "$(field "$1" serve_list)" "$RATE" 50 \
      "${2%s}" "$pid" > "$OUT/rate.txt"
    awk -F= '/^rate_achieved_per_s=/ {rps = $2} /^rate_p50_ms=/ {p50 = $2} /^rate_p99_ms=/ {p99 = $2}
      /^rate_server_cpu_ms_per_request=/ {cpu = $2} END {printf "%s %s %s %s\n", rps, p50, p99, cpu}' "$OUT/rate.txt"
    return
  fi
  before=$(cpu_ticks "$pid")
  wrk -t2 -c50 -d"$2" --timeout 10s -s "$lua" "$base" > "$OUT/wrk.txt" 2>&1
  after=$(cpu_ticks "$pid")
  awk -F= -v ticks=$((after - before)) '
    /^list_requests=/ {n = $2} /^list_requests_per_s=/ {rps = $2} /^list_p50_ms=/ {p50 = $2} /^list_p99_ms=/ {p99 = $2}
    END {printf "%s %s %s %.3f\n", rps, p50, p99, ticks * 10 / n}' "$OUT/wrk.txt"
}

start a "${A_JAR:-platform/target/holdfast.jar}" "${A_FLAGS:-}" 18391
start b "${B_JAR:-platform/target/holdfast.jar}" "${B_FLAGS:-}" 18392
for n in a b; do log "$n: warm-up $WARMUP"; burst "$n" "$WARMUP" > /dev/null; done
echo "round node requests_per_s p50_ms p99_ms cpu_ms_per_request"
for ((r = 1; r <= ROUNDS; r++)); do
  for n in a b; do echo "$r $n $(burst "$n" "$BURST")" | tee -a "$OUT/bursts"; done
done
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for c in 3 4 5 6; do
  a=$(awk -v c=$c '$2 == "a" {print $c}' "$OUT/bursts" | median)
  b=$(awk -v c=$c '$2 == "b" {print $c}' "$OUT/bursts" | median)
  name=$(echo "requests_per_s p50_ms p99_ms cpu_ms_per_request" | cut -d' ' -f$((c - 2)))
  echo "median_$name a=$a b=$b b/a=$(echo "scale=3; $b / $a" | bc -l)"
done
for n in a b; do echo "rss_mib_$n=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(field "$n" serve_pid)/status")"; done
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
