#!/usr/bin/env bash
# Cold start to healthy, and resident memory idle and after 1,000 signed-in page loads, of the platform with
# embedded defaults (SQLite, local objects), under several JVM flag sets. Prints one Markdown table row per set.
# Idle is read twice: 10 s after ready (start-up's garbage still in the heap) and SETTLE seconds after ready
# (default 60, at least 10: a node left alone for a minute).
# Usage: bench/platform/startup.sh [jar]   (default: platform/target/holdfast.jar; build it first)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-platform/target/holdfast.jar}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d /tmp/holdfast-bench-XXXX)
PORT=18080
SETTLE=${SETTLE:-60}
trap 'pkill -f "holdfast-bench" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# An extracted jar starts faster and is what an AOT cache is recorded against.
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

run() { # name, flags...
  local name=$1; shift
  local data="$WORK/data-$name"
  local start end pid link
  start=$(date +%s%N)
  HOLDFAST_DATA_DIR="$data" HOLDFAST_PORT=$PORT HOLDFAST_COOKIE_SECURE=false \
    "$JAVA" "$@" -Dholdfast-bench -jar "$APP" > "$WORK/$name.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
  end=$(date +%s%N)
  sleep 10
  local idle; idle=$(rss_mib $pid)
  sleep $((SETTLE > 10 ? SETTLE - 10 : 0))
  local settled; settled=$(rss_mib $pid)
  link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/$name.log" | tail -n 1)
  local jar="$WORK/cookies-$name"
  local csrf token=${link##*token=}
  csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
    --data-urlencode "username=admin" --data-urlencode "password=benchmark passphrase" \
    --data-urlencode "passwordConfirmation=benchmark passphrase" "http://127.0.0.1:$PORT/setup"
  local t0 t1
  t0=$(date +%s%N)
  for _ in $(seq 1 1000); do curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$PORT/"; done
  t1=$(date +%s%N)
  local loaded; loaded=$(rss_mib $pid)
  kill $pid; wait $pid 2>/dev/null || true
  printf '| %s | `%s` | %.2f s | %s MiB | %s MiB | %s MiB | %.1f ms |\n' "$name" "$*" \
    "$(echo "($end - $start) / 1000000000" | bc -l)" "$idle" "$settled" "$loaded" "$(echo "($t1 - $t0) / 1000000 / 1000" | bc -l)"
}

echo "| JVM flags | flags | start to ready | RSS idle, 10 s | RSS idle, ${SETTLE} s | RSS after 1,000 pages | mean page (curl, sequential) |"
echo "|---|---|---|---|---|---|---|"
run default
# README.md's small-server flags (C1 only, a heap that shrinks to what is live) and its flags for a busy CRM node (C2 only)
# shellcheck source=../common/small-server-flags.sh
source bench/common/small-server-flags.sh
SMALL=$HOLDFAST_SMALL_FLAGS
BUSY=$HOLDFAST_BUSY_FLAGS
# Record an AOT cache (JDK 25, JEP 514/515) with a training run that stops after the context refreshes, with the
# flags it is then used with, as README.md does.
aot() { # name, flags...
  local name=$1; shift
  HOLDFAST_DATA_DIR="$WORK/data-training-$name" HOLDFAST_PORT=$PORT "$JAVA" "$@" -XX:AOTCacheOutput="$WORK/$name.aot" \
    -Dspring.context.exit=onRefresh -jar "$APP" > "$WORK/training-$name.log" 2>&1 || true
  echo "-XX:AOTCache=$WORK/$name.aot"
}
# shellcheck disable=SC2086
run small $SMALL
# shellcheck disable=SC2086
small_aot=$(aot small $SMALL)
# shellcheck disable=SC2086
run small-aot $SMALL "$small_aot"
# shellcheck disable=SC2086
run small-aot-no-heap-options ${SMALL%" $HOLDFAST_HEAP_FLAGS"} "$small_aot"   # G1's default sizing: the whole heap stays committed
# shellcheck disable=SC2086
run busy $BUSY
# shellcheck disable=SC2086
run busy-aot $BUSY "$(aot busy $BUSY)"
