#!/usr/bin/env bash
# Password sign-ins per core and resident memory with 10,000 active sessions, on one Holdfast node with embedded
# defaults (SQLite), JVM flags $JVM_FLAGS (default: serial GC, 192 MiB heap). Compare with Keycloak (README.md).
# Usage: bench/identity/run.sh [jar] [sessions]   (default: platform/target/holdfast.jar, 10000; build the jar first)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-platform/target/holdfast.jar}
SESSIONS=${2:-10000}
CONCURRENCY=${CONCURRENCY:-4}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d /tmp/holdfast-bench-identity-XXXX)
PORT=${PORT:-18081}
BASE="http://127.0.0.1:$PORT"
PASSWORD="benchmark passphrase that is long enough 7"
trap 'kill $PID >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# Attempts per minute per address raised: every sign-in here comes from 127.0.0.1. Everything else is default.
HOLDFAST_DATA_DIR="$WORK/data" HOLDFAST_PORT=$PORT HOLDFAST_COOKIE_SECURE=false \
HOLDFAST_IDENTITY_BRUTE_FORCE_ATTEMPTS_PER_MINUTE=1000000 \
  "$JAVA" ${JVM_FLAGS:--XX:+UseSerialGC -Xmx192m -Xss512k} -jar "$JAR" > "$WORK/holdfast.log" 2>&1 &
PID=$!
until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.1; done
link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/holdfast.log" | tail -n 1)
token=${link##*token=}
jar="$WORK/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
  --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "passwordConfirmation=$PASSWORD" "$BASE/setup"
idle=$(rss_mib $PID)

bench() { "$JAVA" bench/identity/LoginBench.java "$BASE" admin "$PASSWORD" "$1" "$CONCURRENCY" "$PID"; }
echo "# warm-up (200 sign-ins)" >&2
bench 200 > "$WORK/warmup.txt"
echo "# measured (1,000 sign-ins, concurrency $CONCURRENCY)" >&2
bench 1000 | tee "$WORK/measured.txt"
rest=$((SESSIONS - 1200))
if [ "$rest" -gt 0 ]; then
  echo "# filling up to $SESSIONS active sessions" >&2
  bench "$rest" > "$WORK/fill.txt"
fi
sleep 5
echo "rss_idle_mib=$idle"
echo "active_sessions=$SESSIONS"
echo "rss_with_sessions_mib=$(rss_mib $PID)"
echo "rss_peak_mib=$(hwm_mib $PID)"
echo "cores=$(nproc)"
