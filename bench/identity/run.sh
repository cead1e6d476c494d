#!/usr/bin/env bash
# Password sign-ins per core and resident memory with 10,000 active sessions, on one Holdfast node with embedded
# defaults (SQLite), started the way README.md tells a small server to run it: the extracted jar, an AOT cache
# recorded by a training run, MALLOC_ARENA_MAX=2 and the JVM flags in $JVM_FLAGS (default: README's). Compare with
# Keycloak (README.md beside this file).
# Usage: bench/identity/run.sh [jar] [sessions]   (default: platform/target/holdfast.jar, 10000; build the jar first)
# NMT=1 also tracks native memory and prints the JVM's own account of it at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-platform/target/holdfast.jar}
SESSIONS=${2:-10000}
CONCURRENCY=${CONCURRENCY:-4}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JCMD=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd
# shellcheck source=../common/small-server-flags.sh
source bench/common/small-server-flags.sh   # the working directory is the repository's root
JVM_FLAGS=${JVM_FLAGS:-$HOLDFAST_SMALL_FLAGS}   # README.md's small-server flags
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
WORK=$(mktemp -d /tmp/holdfast-bench-identity-XXXX)
PORT=${PORT:-18081}
BASE="http://127.0.0.1:$PORT"
PASSWORD="benchmark passphrase that is long enough 7"
PID=
trap '[ -n "$PID" ] && kill $PID >/dev/null 2>&1; rm -rf "$WORK"' EXIT
[ "${NMT:-0}" = 1 ] && JVM_FLAGS="$JVM_FLAGS -XX:NativeMemoryTracking=summary"

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# As README.md: extract the jar, record the AOT cache once (a training run that stops after the context refreshes).
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"
# shellcheck disable=SC2086
HOLDFAST_DATA_DIR="$WORK/training" "$JAVA" $JVM_FLAGS -XX:AOTCacheOutput="$WORK/app/holdfast.aot" \
  -Dspring.context.exit=onRefresh -jar "$APP" > "$WORK/training.log" 2>&1

# Attempts per minute per address raised: every sign-in here comes from 127.0.0.1. Everything else is default.
started=$(date +%s%N)
# shellcheck disable=SC2086
HOLDFAST_DATA_DIR="$WORK/data" HOLDFAST_PORT=$PORT HOLDFAST_COOKIE_SECURE=false \
HOLDFAST_IDENTITY_BRUTE_FORCE_ATTEMPTS_PER_MINUTE=1000000 \
  "$JAVA" $JVM_FLAGS -XX:AOTCache="$WORK/app/holdfast.aot" -jar "$APP" > "$WORK/holdfast.log" 2>&1 &
PID=$!
until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.1; done
ready=$(date +%s%N)
link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/holdfast.log" | tail -n 1)
token=${link##*token=}
jar="$WORK/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
  --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "passwordConfirmation=$PASSWORD" "$BASE/setup"
sleep 5
idle=$(rss_mib $PID)
grep -oE "Passwords are hashed with .*" "$WORK/holdfast.log" >&2 || true

bench() { "$JAVA" bench/identity/LoginBench.java "$BASE" admin "$PASSWORD" "$1" "$CONCURRENCY" "$PID"; }
echo "# warm-up (200 sign-ins)" >&2
bench 200 > "$WORK/warmup.txt"
echo "# measured (1,000 sign-ins, concurrency $CONCURRENCY)" >&2
bench 1000 | tee "$WORK/measured.txt"
rest=$((SESSIONS - 1200))
if [ "$rest" -gt 0 ]; then
  echo "# filling up to $SESSIONS active sessions" >&2
  bench "$rest" > "$WORK/fill.txt"
  echo "fill_$(grep server_cpu_ms_per_sign_in "$WORK/fill.txt")"
fi
sleep 5
echo "jvm_flags=MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX $JVM_FLAGS -XX:AOTCache=holdfast.aot"
echo "start_to_ready_s=$(echo "($ready - $started) / 1000000000" | bc -l | cut -c1-5)"
echo "rss_idle_mib=$idle"
echo "active_sessions=$SESSIONS"
echo "rss_with_sessions_mib=$(rss_mib $PID)"
echo "rss_peak_mib=$(hwm_mib $PID)"
echo "cores=$(nproc)"
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${NMT:-0}" = 1 ]; then
  "$JCMD" $PID VM.native_memory summary | grep -E '^(Total|-)' | sed 's/^/# /'
fi
