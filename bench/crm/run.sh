#!/usr/bin/env bash
# CRM at scale: 1,000,000 Accounts and 2,000,000 Contacts, on SQLite or PostgreSQL. One Holdfast node started the way
# README.md tells a small server to run it (extracted jar, AOT cache, MALLOC_ARENA_MAX=2, JVM_FLAGS), then:
#   1. bulk load by SQL (bypasses the API: multi-row INSERT ... SELECT from a generated series, in one transaction)
#   2. list page through the API (20 rows, filter type = X, sorted by createdAt desc, X-No-Total) with wrk, 50 connections
#   3. the same list page at a fixed offered rate (RATE, default 2000/s, open loop) over 50 connections
#   4. API creates (CREATES, default 20,000, at 8 concurrent) through POST /api/v1/Account
#   5. WebSocket fan-out: 500 subscribers of the list topic record/Account, one writer changing a record
# Reports p50/p99, requests/s, the server's CPU-seconds per 1000 requests (/proc), resident memory (peak).
# Usage: bench/crm/run.sh [sqlite|postgres] [jar]     (default sqlite, platform/target/holdfast.jar; build it first)
# Environment: ACCOUNTS (1000000), CONTACTS (2000000), CREATES (20000), SUBSCRIBERS (500), DURATION (30s), WARMUP (10s),
#   JVM_FLAGS (README's small-server flags), PGURL (postgres://postgres@127.0.0.1:5432), PORT (18090), KEEP=1 keeps
#   the work directory (and the PGDB database, default bench_crm), AOT=0 skips the AOT cache (its training run takes
#   minutes on a loaded machine; it changes start-up, not the steady state measured here), PARTS ("list rate create
#   fanout") the measurements to run, e.g. PARTS=fanout ACCOUNTS=1000 CONTACTS=2000 for the fan-out alone on a small
#   table; RATE (2000) the rate part's offered requests/s (DURATION in seconds, with an "s", for it too);
#   PARTS=serve loads the data, prints serve_base=, serve_pid=, serve_lua= (the list's wrk script), serve_key= and
#   serve_list= (the list path without its type) and keeps the node up until stopped (bench/crm/ab.sh uses it).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-sqlite}
JAR=${2:-platform/target/holdfast.jar}
ACCOUNTS=${ACCOUNTS:-1000000}
CONTACTS=${CONTACTS:-2000000}
CREATES=${CREATES:-20000}
SUBSCRIBERS=${SUBSCRIBERS:-500}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}   # the list's warm-up; enough for C1, C2 needs about 3 minutes (bench/crm/README.md, "C1, C2 or both")
PARTS=" ${PARTS:-list rate create fanout} "
RATE=${RATE:-2000}   # the rate part's offered list requests per second (issue 7's 2,000)
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# shellcheck source=../common/small-server-flags.sh
source bench/common/small-server-flags.sh   # the working directory is the repository's root
JVM_FLAGS=${JVM_FLAGS:-$HOLDFAST_SMALL_FLAGS}   # README.md's small-server flags
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
PGDB=${PGDB:-bench_crm}   # the database made and dropped (another name lets two runs share one PostgreSQL)
PORT=${PORT:-18090}
BASE="http://127.0.0.1:$PORT"
PASSWORD="benchmark passphrase that is long enough 7"
WORK=$(mktemp -d /tmp/holdfast-bench-crm-XXXX)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" >/dev/null 2>&1 && wait "$PID" 2>/dev/null || true
  if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
    [ "$DB" = postgres ] && psql "$PGURL/postgres" -qc "drop database if exists $PGDB" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM   # so that stopping this script (ab.sh does) also stops the node
log() { echo "# $(date -u +%H:%M:%S) $*" >&2; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, clock ticks (1/100 s)
sql() {
  if [ "$DB" = sqlite ]; then sqlite3 -batch "$WORK/data/holdfast.db" "$@"; else psql "$PGURL/$PGDB" -qtAX -v ON_ERROR_STOP=1 -c "$@"; fi
}

case "$DB" in
  sqlite) DB_ENV=() ;;
  postgres)
    psql "$PGURL/postgres" -qc "drop database if exists $PGDB" -c "create database $PGDB" >/dev/null
    DB_ENV=(HOLDFAST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$PGDB?user=postgres") ;;
  *) echo "usage: $0 [sqlite|postgres] [jar]" >&2; exit 2 ;;
esac

log "extracting the jar and recording the AOT cache (training run; AOT=0 skips it)"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP="$WORK/app/$(basename "$JAR")"
AOT_FLAG=
if [ "${AOT:-1}" = 1 ]; then
  # shellcheck disable=SC2086
  HOLDFAST_DATA_DIR="$WORK/training" "$JAVA" $JVM_FLAGS -XX:AOTCacheOutput="$WORK/app/holdfast.aot" \
    -Dspring.context.exit=onRefresh -jar "$APP" > "$WORK/training.log" 2>&1
  AOT_FLAG=-XX:AOTCache="$WORK/app/holdfast.aot"
fi

log "starting Holdfast on $DB"
# shellcheck disable=SC2086
env "${DB_ENV[@]}" HOLDFAST_DATA_DIR="$WORK/data" HOLDFAST_PORT=$PORT HOLDFAST_COOKIE_SECURE=false \
  HOLDFAST_IDENTITY_BRUTE_FORCE_ATTEMPTS_PER_MINUTE=1000000 \
  "$JAVA" $JVM_FLAGS $AOT_FLAG -jar "$APP" > "$WORK/holdfast.log" 2>&1 &
PID=$!
until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 $PID 2>/dev/null || { tail -50 "$WORK/holdfast.log" >&2; exit 1; }
  sleep 0.2
done
link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/holdfast.log" | tail -n 1)
token=${link##*token=}
jar="$WORK/cookies"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
  --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "passwordConfirmation=$PASSWORD" "$BASE/setup"
KEY=$("$JAVA" bench/crm/CrmBench.java setup "$BASE" admin "$PASSWORD")
ADMIN_ID=$(sql "select id from identity_user where username = 'admin'")
ROBOT_ID=$(sql "select id from identity_user where username = 'bench-crm'")
# the tables exist (SchemaSync made them at start); make sure the API knows them before loading
curl -fs -o /dev/null -H "X-Api-Key: $KEY" "$BASE/api/v1/Account?maxSize=1"

log "loading $ACCOUNTS Accounts and $CONTACTS Contacts by SQL"
NOW=$(( $(date +%s) * 1000 ))
load_started=$(date +%s.%N)
if [ "$DB" = sqlite ]; then
  SERIES="WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d)"
  HEX="printf('%%016x', %s)"; MOD="%"; FROM="s"
else
  SERIES=""; HEX="lpad(to_hex(%s), 16, '0')"; MOD="%"; FROM="generate_series(1::bigint, %d) AS s(i)"
fi
# shellcheck disable=SC2059
account_sql() {
  local series from hex
  series=$(printf "$SERIES" "$ACCOUNTS"); from=$(printf "$FROM" "$ACCOUNTS"); hex=$(printf "$HEX" "i")
  cat <<SQL
$series
INSERT INTO crm_account (id, deleted, name, type, industry, website, email_address, billing_address_city,
  billing_address_country, description, created_at, modified_at, created_by_id, modified_by_id, assigned_user_id, version_number)
SELECT 'a' || $hex, false,
  'Company ' || ((i * 104729) $MOD 1000003) || ' ' || (CASE i $MOD 7 WHEN 0 THEN 'GmbH' WHEN 1 THEN 'Ltd' WHEN 2 THEN 'Inc' WHEN 3 THEN 'AG' WHEN 4 THEN 'SA' WHEN 5 THEN 'BV' ELSE 'LLC' END),
  (CASE i $MOD 5 WHEN 0 THEN 'Customer' WHEN 1 THEN 'Investor' WHEN 2 THEN 'Partner' WHEN 3 THEN 'Reseller' ELSE '' END),
  (CASE i $MOD 4 WHEN 0 THEN 'Software' WHEN 1 THEN 'Retail' WHEN 2 THEN 'Finance' ELSE 'Other' END),
  'https://example' || i || '.com', 'info@example' || i || '.com', 'City ' || (i $MOD 5000), 'Country ' || (i $MOD 40),
  'Loaded by bench/crm', $NOW - ($ACCOUNTS - i) * 1000, $NOW - ($ACCOUNTS - i) * 1000, '$ADMIN_ID', '$ADMIN_ID',
  (CASE WHEN i $MOD 2 = 0 THEN '$ADMIN_ID' ELSE '$ROBOT_ID' END), 1
FROM $from;
SQL
}
# shellcheck disable=SC2059
contact_sql() {
  local series from hex ahex
  series=$(printf "$SERIES" "$CONTACTS"); from=$(printf "$FROM" "$CONTACTS"); hex=$(printf "$HEX" "i")
  ahex=$(printf "$HEX" "((i - 1) $MOD $ACCOUNTS) + 1")
  cat <<SQL
$series
INSERT INTO crm_contact (id, deleted, first_name, last_name, title, email_address, phone_number, account_id,
  address_city, description, created_at, modified_at, created_by_id, modified_by_id, assigned_user_id, version_number)
SELECT 'c' || $hex, false, 'First' || (i $MOD 997), 'Last' || ((i * 7919) $MOD 100003), 'Title ' || (i $MOD 13),
  'person' || i || '@example.com', '+1555' || i, 'a' || $ahex, 'City ' || (i $MOD 5000), 'Loaded by bench/crm',
  $NOW - ($CONTACTS - i) * 500, $NOW - ($CONTACTS - i) * 500, '$ADMIN_ID', '$ADMIN_ID',
  (CASE WHEN i $MOD 2 = 0 THEN '$ADMIN_ID' ELSE '$ROBOT_ID' END), 1
FROM $from;
SQL
}
# The tables' secondary indexes (SchemaSync's) are dropped for the load and made again afterwards, with the same
# definitions as the database reports them: building an index from sorted data is many times faster than
# inserting 3 million rows into eight random-order indexes.
if [ "$DB" = sqlite ]; then
  sql "select sql || ';' from sqlite_master where type = 'index' and sql is not null and tbl_name in ('crm_account', 'crm_contact')" > "$WORK/indexes.sql"
  { echo "PRAGMA busy_timeout = 60000; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; BEGIN IMMEDIATE;"
    sql "select 'DROP INDEX \"' || name || '\";' from sqlite_master where type = 'index' and sql is not null and tbl_name in ('crm_account', 'crm_contact')"
    account_sql; contact_sql; cat "$WORK/indexes.sql"
    echo "COMMIT; PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; } \
    | sqlite3 -batch "$WORK/data/holdfast.db" >/dev/null
else
  sql "select indexdef || ';' from pg_indexes where schemaname = current_schema() and tablename in ('crm_account', 'crm_contact') and indexname not like '%pkey'" > "$WORK/indexes.sql"
  { echo "SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; BEGIN;"
    sql "select 'DROP INDEX \"' || indexname || '\";' from pg_indexes where schemaname = current_schema() and tablename in ('crm_account', 'crm_contact') and indexname not like '%pkey'"
    account_sql; contact_sql; cat "$WORK/indexes.sql"
    echo "COMMIT; VACUUM ANALYZE crm_account; VACUUM ANALYZE crm_contact;"; } \
    | psql "$PGURL/$PGDB" -qX -v ON_ERROR_STOP=1 >/dev/null
fi
echo "indexes_rebuilt=$(grep -c . "$WORK/indexes.sql")"
load_s=$(echo "$(date +%s.%N) - $load_started" | bc -l)
echo "db=$DB"
echo "accounts=$(sql 'select count(*) from crm_account')"
echo "contacts=$(sql 'select count(*) from crm_contact')"
printf 'load_seconds=%.0f\n' "$load_s"
if [ "$DB" = sqlite ]; then
  echo "db_size_mib=$(( $(stat -c %s "$WORK/data/holdfast.db") / 1048576 ))"
else
  echo "db_size_mib=$(( $(sql "select pg_database_size('$PGDB')") / 1048576 ))"
fi

# the list request: 20 Accounts of one type, newest first, without a count (the type rotates per request)
LIST="/api/v1/Account?maxSize=20&select=name,type,industry,billingAddressCity,emailAddress,createdAt,assignedUserId,assignedUserName&orderBy=createdAt&order=desc&where%5B0%5D%5Btype%5D=equals&where%5B0%5D%5Battribute%5D=type&where%5B0%5D%5Bvalue%5D="
sed -e "s#@KEY@#$KEY#" -e "s#@LIST@#${LIST//&/\\&}#" bench/crm/list.lua > "$WORK/list.lua"
if [[ "$PARTS" == *" serve "* ]]; then
  # for ab.sh: the loaded node stays up, with its wrk script, until this script is stopped
  echo "serve_base=$BASE serve_pid=$PID serve_lua=$WORK/list.lua serve_key=$KEY serve_list=$LIST"
  wait "$PID"
fi

if [[ "$PARTS" == *" list "* ]]; then
curl -fs -H "X-Api-Key: $KEY" -H "X-No-Total: true" "$BASE${LIST}Customer" > "$WORK/page.json"
echo "list_page_rows=$(grep -o '"id"' "$WORK/page.json" | wc -l) total=$(grep -oE '"total":-?[0-9]+' "$WORK/page.json")"
if [ "$DB" = sqlite ]; then
  echo "# query plan (SQLite):" >&2
  sql "EXPLAIN QUERY PLAN SELECT id, name FROM crm_account WHERE deleted = 0 AND type = 'Customer' ORDER BY created_at DESC, id DESC LIMIT 21" >&2
else
  echo "# query plan (PostgreSQL):" >&2
  sql "EXPLAIN ANALYZE SELECT id, name FROM crm_account WHERE deleted = false AND type = 'Customer' ORDER BY created_at DESC, id DESC LIMIT 21" >&2
fi

log "list: warm-up ($WARMUP), then $DURATION at 50 connections"
wrk -t2 -c50 -d"$WARMUP" -s "$WORK/list.lua" "$BASE" > "$WORK/wrk-warm.txt" 2>&1
before=$(cpu_ticks $PID)
wrk -t2 -c50 -d"$DURATION" --timeout 10s -s "$WORK/list.lua" "$BASE" > "$WORK/wrk.txt" 2>&1
after=$(cpu_ticks $PID)
grep -E '^(list_|  Non-2xx|  Socket)' "$WORK/wrk.txt" || true
requests=$(awk -F= '/^list_requests=/ {print $2}' "$WORK/wrk.txt")
echo "list_server_cpu_s_per_1000=$(echo "scale=3; ($after - $before) / 100 * 1000 / $requests" | bc -l)"
echo "rss_after_list_mib=$(rss_mib $PID)"
fi

if [[ "$PARTS" == *" rate "* ]]; then
  if [[ "$PARTS" != *" list "* ]]; then
    log "rate: warm-up ($WARMUP) with wrk at 50 connections"
    wrk -t2 -c50 -d"$WARMUP" -s "$WORK/list.lua" "$BASE" > "$WORK/wrk-warm.txt" 2>&1
  fi
  log "rate: the list at $RATE requests/s offered over 50 connections for ${DURATION%s} s"
  "$JAVA" bench/crm/CrmBench.java rate "$BASE" "$KEY" "${LIST}" "$RATE" 50 "${DURATION%s}" "$PID"
fi

if [[ "$PARTS" == *" create "* ]]; then
  log "API creates: $CREATES at 8 concurrent (after $((CREATES / 10)) warm-up)"
  "$JAVA" bench/crm/CrmBench.java create "$BASE" "$KEY" "$CREATES" 8 "$PID"
fi

if [[ "$PARTS" == *" fanout "* ]]; then
  log "fan-out: $SUBSCRIBERS subscribers of record/Account"
  "$JAVA" bench/crm/CrmBench.java fanout "$BASE" admin "$PASSWORD" "$KEY" "$SUBSCRIBERS" 50 "$PID"
fi

echo "jvm_flags=MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX $JVM_FLAGS ${AOT_FLAG:+-XX:AOTCache=holdfast.aot}"
echo "rss_mib=$(rss_mib $PID)"
echo "rss_peak_mib=$(hwm_mib $PID)"
echo "cores=$(nproc)"
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
if grep -qE "no transaction is active|SQLITE_BUSY" "$WORK/holdfast.log"; then
  echo "server_log_errors=$(grep -cE 'no transaction is active|SQLITE_BUSY' "$WORK/holdfast.log")"
fi
