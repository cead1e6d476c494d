#!/usr/bin/env bash
# 10,000 HTTP monitors at a 30 s interval on one Holdfast node, against a local keep-alive target (Target.java, its
# own process, so its CPU is not Holdfast's). Holdfast runs the way README.md tells a small server to run it: the
# extracted jar, an AOT cache recorded by a training run, MALLOC_ARENA_MAX=2 and the JVM flags in $JVM_FLAGS.
# Measures, after a warm-up: Holdfast's CPU (share of all cores, and CPU-seconds per 1,000 checks, which holds up on
# a loaded machine), heap in use (jstat), resident memory (average and peak), check lateness p50/p99 (due time to
# the check starting, from the holdfast_monitor_check_lateness histogram) and database writes per second.
#
# Usage: bench/monitor/run.sh [sqlite|postgres] [jar]   (default: sqlite, platform/target/holdfast.jar; build the jar first)
# Environment: MONITORS (10000), HUNG (100 extra monitors on 10 hung hosts that accept and never answer; 0 for none),
#   INTERVAL (30), TIMEOUT (10), WARMUP (60 s after the last monitor was created), WINDOW (180 s measured),
#   AOT=0 (skip recording the AOT cache: a faster start, the same steady state), JFR=1 (record a flight recording of the window into bench/monitor/last.jfr),
#   HOLDFAST_TEST_POSTGRES (postgres: server to use, default 127.0.0.1:5432 as user postgres; the database
#   holdfast_bench_monitor is dropped and created).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-sqlite}
JAR=${2:-platform/target/holdfast.jar}
MONITORS=${MONITORS:-10000}
HUNG=${HUNG:-100}
HUNG_HOSTS=10
INTERVAL=${INTERVAL:-30}
TIMEOUT=${TIMEOUT:-10}
WARMUP=${WARMUP:-60}
WINDOW=${WINDOW:-180}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
JSTAT=$JAVA_HOME/bin/jstat
JCMD=$JAVA_HOME/bin/jcmd
# shellcheck source=../common/small-server-flags.sh
source bench/common/small-server-flags.sh   # the working directory is the repository's root
JVM_FLAGS=${JVM_FLAGS:-$HOLDFAST_SMALL_FLAGS}   # README.md's small-server flags
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
WORK=$(mktemp -d /tmp/holdfast-bench-monitor-XXXX)
PORT=${PORT:-18082}
TARGET_PORT=${TARGET_PORT:-18092}
BASE="http://127.0.0.1:$PORT"
PASSWORD="benchmark passphrase that is long enough 7"
PID=
TARGET_PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" >/dev/null 2>&1
  [ -n "$TARGET_PID" ] && kill "$TARGET_PID" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "bench/monitor: $*" >&2; exit 1; }

DB_ENV=()
case "$DB" in
  sqlite) ;;
  postgres)
    PG=${HOLDFAST_TEST_POSTGRES:-127.0.0.1:5432}
    psql -q -h "${PG%:*}" -p "${PG#*:}" -U postgres -c "DROP DATABASE IF EXISTS holdfast_bench_monitor" \
      -c "CREATE DATABASE holdfast_bench_monitor" >/dev/null
    DB_ENV=(HOLDFAST_DATABASE_URL="jdbc:postgresql://$PG/holdfast_bench_monitor" HOLDFAST_DATABASE_USERNAME=postgres)
    ;;
  *) fail "usage: run.sh [sqlite|postgres] [jar]" ;;
esac

# The watched services: healthy on 127.0.0.1, hung on 127.0.0.2-11.
"$JAVA" -Xmx64m bench/monitor/Target.java "$TARGET_PORT" "$HUNG_HOSTS" > "$WORK/target.log" 2>&1 &
TARGET_PID=$!
until grep -q listening "$WORK/target.log" 2>/dev/null; do
  kill -0 "$TARGET_PID" 2>/dev/null || fail "the target did not start: $(cat "$WORK/target.log")"
  sleep 0.2
done

# As README.md: extract the jar, record the AOT cache once (a training run that stops after the context refreshes).
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"
AOT_FLAG=
if [ "${AOT:-1}" = 1 ]; then
  # shellcheck disable=SC2086
  HOLDFAST_DATA_DIR="$WORK/training" HOLDFAST_MONITOR_ENABLED=false "$JAVA" $JVM_FLAGS -XX:AOTCacheOutput="$WORK/app/holdfast.aot" \
    -Dspring.context.exit=onRefresh -jar "$APP" > "$WORK/training.log" 2>&1
  AOT_FLAG="-XX:AOTCache=$WORK/app/holdfast.aot"
fi

# Everything default but the port, the database and the self-monitoring (only the bench's monitors are counted).
# shellcheck disable=SC2086
env "${DB_ENV[@]}" HOLDFAST_DATA_DIR="$WORK/data" HOLDFAST_PORT=$PORT HOLDFAST_COOKIE_SECURE=false \
  HOLDFAST_MONITOR_SELF_MONITORING=false \
  "$JAVA" $JVM_FLAGS $AOT_FLAG -jar "$APP" > "$WORK/holdfast.log" 2>&1 &
PID=$!
waited=0
until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$PID" 2>/dev/null || { tail -n 30 "$WORK/holdfast.log" >&2; fail "Holdfast exited during start-up"; }
  sleep 0.2; waited=$((waited + 1)); [ $waited -lt 1500 ] || fail "Holdfast not ready after 300 s"
done

jar="$WORK/cookies"
link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/holdfast.log" | tail -n 1)
token=${link##*token=}
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
  --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "passwordConfirmation=$PASSWORD" "$BASE/setup"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/" | grep -oE 'name="csrf-token" content="[^"]+"' | head -n 1 | sed 's/.*content="//; s/"$//')
[ -n "$csrf" ] || fail "setup did not leave the administrator signed in"
cookie=$(awk -F'\t' 'NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")

echo "# creating $MONITORS monitors (+ $HUNG hung) through the YAML import" >&2
"$JAVA" bench/monitor/MonitorBench.java create "$BASE" "$cookie" "$csrf" "$MONITORS" \
  "http://127.0.0.1:$TARGET_PORT/ok/" "$HUNG" "$HUNG_HOSTS" "http://127.0.0.{host}:$TARGET_PORT/hang/" "$INTERVAL" "$TIMEOUT"

if [ "${JFR:-0}" = 1 ]; then
  ( sleep "$WARMUP"; "$JCMD" "$PID" JFR.start name=bench settings=profile duration="${WINDOW}s" \
      filename="$PWD/bench/monitor/last.jfr" >/dev/null ) &
fi
echo "# warm-up ${WARMUP} s, then measuring ${WINDOW} s" >&2
"$JAVA" bench/monitor/MonitorBench.java measure "$BASE" "$PID" "$WARMUP" "$WINDOW" "$JSTAT"
echo "database=$DB"
echo "monitors=$MONITORS hung=$HUNG interval_s=$INTERVAL timeout_s=$TIMEOUT"
echo "jvm_flags=MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX $JVM_FLAGS ${AOT_FLAG:+-XX:AOTCache=holdfast.aot}"
echo "cores=$(nproc)"
grep -E "WARN|ERROR" "$WORK/holdfast.log" | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/# log: /' || true
