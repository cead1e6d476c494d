#!/usr/bin/env bash
# OpenID Connect token paths, Holdfast against Keycloak on this machine, both up in one run, taking turns:
#   a. client-credentials grants, b. refresh-token grants (rotating chains), c. login-to-code (authorization request
#   without a session, sign-in forms, redirect with the code). Same load generator (GrantBench.java), same
#   concurrency, server CPU from /proc (utime + stime), resident memory idle and after the runs. See README.md.
# Usage: bench/identity/grants.sh [jar]   (default platform/target/holdfast.jar; build it first)
# Settings (environment): KEYCLOAK_VERSION (26.5.6), KEYCLOAK_CACHE (~/.cache/holdfast-bench/keycloak),
#   CONCURRENCY (8, client credentials), REFRESH_CONCURRENCY (4 chains), LOGIN_CONCURRENCY (4), CC_COUNT (200000),
#   REFRESH_COUNT (48000) (each after a warm-up of as many), LOGIN_COUNT (150, after 50), ROUNDS (4: the measured
#   requests are split into rounds in which the two servers, both up, take turns), SKIP_KEYCLOAK=1,
#   JVM_FLAGS (Holdfast's, default as run.sh), KEYCLOAK_HEAP (unset: kc.sh's default -Xms64m -Xmx512m),
#   SIGNING (ES256: both servers sign access and ID tokens with P-256; RS256: ID tokens RSA on both, access tokens
#   RSA on Keycloak and still ES256 on Holdfast, as the comparisons before 2026-11-30 12:00 ran)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=$(realpath "${1:-platform/target/holdfast.jar}")
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.5.6}
KEYCLOAK_CACHE=${KEYCLOAK_CACHE:-$HOME/.cache/holdfast-bench/keycloak}
CONCURRENCY=${CONCURRENCY:-8}
REFRESH_CONCURRENCY=${REFRESH_CONCURRENCY:-4}
LOGIN_CONCURRENCY=${LOGIN_CONCURRENCY:-4}
# Each measured after a warm-up of as many, so that both JVMs have compiled their hot paths: with 12,000 / 3,000
# after a quarter as warm-up (until 2026-12-01) the JIT compiler threads still took a fifth of Holdfast's CPU in the
# measured part, and both servers' CPU per grant was 1.4-2x what it settles at; with 40,000 / 12,000 (until
# 2026-12-02) still a fifth for Holdfast and up to 2x for Keycloak. Keycloak's sizing is for warm servers.
CC_COUNT=${CC_COUNT:-200000}
REFRESH_COUNT=${REFRESH_COUNT:-48000}
LOGIN_COUNT=${LOGIN_COUNT:-150}
ROUNDS=${ROUNDS:-4}
HOLDFAST_JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xmx192m -Xss512k}
SIGNING=${SIGNING:-ES256}
HF_PORT=${HF_PORT:-18082}
KC_PORT=${KC_PORT:-18180}
REDIRECT="http://127.0.0.1:9/callback"
PASSWORD="benchmark passphrase that is long enough 7"
WORK=$(mktemp -d /tmp/holdfast-bench-grants-XXXX)
RESULTS=$WORK/results
mkdir -p "$RESULTS"
SERVER_PID=
SERVERS=()
# defined before the exit trap: a failure in the checks below runs cleanup, which calls it
stop_servers() {
  local pid
  for pid in "${SERVERS[@]}" $SERVER_PID; do
    kill "$pid" >/dev/null 2>&1 || true
    wait "$pid" 2>/dev/null || true
  done
  SERVERS=()
  SERVER_PID=
}

cleanup() {
  local status=$?
  stop_servers
  if [ $status -ne 0 ]; then
    rm -rf /tmp/holdfast-bench-grants-failed && mkdir -p /tmp/holdfast-bench-grants-failed
    cp "$WORK"/*.log /tmp/holdfast-bench-grants-failed/ 2>/dev/null || true
    echo "grants.sh: failed; server logs kept in /tmp/holdfast-bench-grants-failed" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

fail() { echo "grants.sh: $*" >&2; exit 1; }
log() { echo "# $(date -u +%H:%M:%S) $*" >&2; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hwm_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
secret() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
json_field() { sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }
for port in "$HF_PORT" "$KC_PORT"; do
  ! curl -s -o /dev/null "http://127.0.0.1:$port/" || fail "port $port is in use (HF_PORT / KC_PORT choose others)"
done
command -v jq >/dev/null || fail "jq is needed (apt-get install jq)"
[ -f "$JAR" ] || fail "no jar at $JAR (build it: ./mvnw -q -DskipTests package)"

# target <name> <pid> <authorize-url> <token-url> <cc-client> <cc-secret> <web-client> <web-secret> <username>:
# a server set up and ready; both stay up, so that their measured rounds can take turns (see the driver below).
target() {
  printf '%s\n' "$@" > "$RESULTS/$1.target"
  echo "rss_idle_mib=$(rss_mib "$2")" > "$RESULTS/$1.memory"
  SERVERS+=("$SERVER_PID")
  SERVER_PID=
}

# measure <name> <scenario> <count> <concurrency>: one GrantBench run against a target; its results on stdout
measure() {
  local name args
  name=$1
  mapfile -t args < "$RESULTS/$name.target"
  local pid=${args[1]} authorize=${args[2]} token=${args[3]} cc=${args[4]} cc_secret=${args[5]} web=${args[6]}
  local web_secret=${args[7]} user=${args[8]} client secret
  if [ "$2" = cc ]; then client=$cc; secret=$cc_secret; else client=$web; secret=$web_secret; fi
  "$JAVA" "$ROOT/bench/identity/GrantBench.java" "$2" authorize="$authorize" token="$token" redirect="$REDIRECT" \
    username="$user" password="$PASSWORD" scope="openid profile email" pid="$pid" client="$client" secret="$secret" \
    count="$3" concurrency="$4"
}

# ---------------------------------------------------------------- Holdfast
holdfast() {
  local base="http://127.0.0.1:$HF_PORT" jar=$WORK/hf-cookies
  log "Holdfast: starting $JAR with $HOLDFAST_JVM_FLAGS"
  # Sign-in attempts per minute per address raised: every sign-in here comes from 127.0.0.1. Else defaults.
  HOLDFAST_DATA_DIR="$WORK/hf-data" HOLDFAST_PORT=$HF_PORT HOLDFAST_COOKIE_SECURE=false \
  HOLDFAST_IDENTITY_BRUTE_FORCE_ATTEMPTS_PER_MINUTE=1000000 \
    "$JAVA" $HOLDFAST_JVM_FLAGS -jar "$JAR" > "$WORK/holdfast.log" 2>&1 &
  SERVER_PID=$!
  local waited=0
  until curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/holdfast.log" >&2; fail "Holdfast exited during start-up"; }
    sleep 0.2; waited=$((waited + 1)); [ $waited -lt 1500 ] || fail "Holdfast not ready after 300 s"
  done
  local link token csrf
  link=$(grep -oE "http://[^ ]+/setup\?token=[A-Za-z0-9_-]+" "$WORK/holdfast.log" | tail -n 1)
  token=${link##*token=}
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/setup?token=$token" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$token" \
    --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "passwordConfirmation=$PASSWORD" "$base/setup"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/" | grep -oE 'name="csrf-token" content="[^"]+"' | head -n 1 | sed 's/.*content="//; s/"$//')
  [ -n "$csrf" ] || fail "Holdfast: setup did not leave the administrator signed in"
  api() {
    curl -s -c "$jar" -b "$jar" -H "X-CSRF-TOKEN: $csrf" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      -X POST --data "$1" "$base/api/identity/v1/applications"
  }
  local cc web cc_secret web_secret
  cc=$(api '{"clientId": "cc-bench", "name": "CC bench", "confidential": true, "redirectUris": [],
    "scopes": ["api"], "grantTypes": ["client_credentials"], "requireConsent": false,
    "accessTokenTtlSeconds": 300, "refreshTokenTtlSeconds": 86400, "allowedGroups": []}')
  cc_secret=$(echo "$cc" | json_field secret)
  web=$(api '{"clientId": "web-bench", "name": "Web bench", "confidential": true,
    "redirectUris": ["'"$REDIRECT"'"], "scopes": ["openid", "profile", "email"],
    "grantTypes": ["authorization_code", "refresh_token"], "requireConsent": false,
    "accessTokenTtlSeconds": 300, "refreshTokenTtlSeconds": 86400, "allowedGroups": [],
    "idTokenSignedResponseAlg": "'"$SIGNING"'"}')
  web_secret=$(echo "$web" | json_field secret)
  [ -n "$cc_secret" ] && [ -n "$web_secret" ] || fail "Holdfast: registering the clients failed: $cc $web"
  sleep 3
  target holdfast "$SERVER_PID" "$base/oauth2/authorize" "$base/oauth2/token" cc-bench "$cc_secret" \
    web-bench "$web_secret" admin
}

# ---------------------------------------------------------------- Keycloak
keycloak() {
  local zip=$KEYCLOAK_CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip base="http://127.0.0.1:$KC_PORT"
  if [ ! -f "$zip" ]; then
    log "Keycloak: downloading org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip into $KEYCLOAK_CACHE"
    mkdir -p "$KEYCLOAK_CACHE"
    ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$KEYCLOAK_CACHE" >&2 || fail "Keycloak $KEYCLOAK_VERSION could not be downloaded from Maven Central"
  fi
  unzip -q "$zip" -d "$WORK" || fail "Keycloak: cannot unpack $zip"
  local home=$WORK/keycloak-$KEYCLOAK_VERSION
  # Production mode (theme and realm caches on, unlike start-dev), embedded H2 file database, plain HTTP.
  log "Keycloak $KEYCLOAK_VERSION: build (--db=dev-file)"
  "$home/bin/kc.sh" build --db=dev-file > "$WORK/keycloak-build.log" 2>&1 \
    || { tail -n 30 "$WORK/keycloak-build.log" >&2; fail "Keycloak build failed"; }
  log "Keycloak: start --optimized, heap ${KEYCLOAK_HEAP:-kc.sh default (-Xms64m -Xmx512m)}"
  if [ -n "${KEYCLOAK_HEAP:-}" ]; then export JAVA_OPTS_KC_HEAP=$KEYCLOAK_HEAP; fi
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
    "$home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --hostname-strict=false > "$WORK/keycloak.log" 2>&1 &
  SERVER_PID=$!
  local waited=0
  until curl -fs "$base/realms/master" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/keycloak.log" >&2; fail "Keycloak exited during start-up"; }
    sleep 0.5; waited=$((waited + 1)); [ $waited -lt 600 ] || fail "Keycloak not ready after 300 s"
  done
  local java_pid
  java_pid=$(pgrep -P "$SERVER_PID" java || true)
  [ -n "$java_pid" ] || java_pid=$SERVER_PID
  grep -E "started in|Using JAVA_OPTS" "$WORK/keycloak.log" | sed 's/^/#   /' >&2 || true
  tr '\0' ' ' < "/proc/$java_pid/cmdline" | grep -oE -- '-Xm[sx][^ ]+|-XX:\+Use[A-Za-z0-9]+GC' | tr '\n' ' ' \
    | sed 's/^/# Keycloak JVM heap and GC: /' >&2; echo >&2

  local admin_token auth
  admin_token=$(curl -fs "$base/realms/master/protocol/openid-connect/token" -d grant_type=password \
    -d client_id=admin-cli -d username=admin --data-urlencode "password=$PASSWORD" | json_field access_token)
  [ -n "$admin_token" ] || fail "Keycloak: no admin token"
  auth=(-H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json')
  # Refresh tokens rotate and a reused one is refused, as Holdfast's do (Keycloak's default lets an old one be reused).
  # SIGNING=ES256: the realm's default algorithm; Keycloak makes a P-256 key for it (the fallback key provider).
  curl -fs "${auth[@]}" "$base/admin/realms" --data '{"realm": "bench", "enabled": true,
    "revokeRefreshToken": true, "refreshTokenMaxReuse": 0, "accessTokenLifespan": 300,
    "defaultSignatureAlgorithm": "'"$SIGNING"'"}' \
    || fail "Keycloak: creating the realm failed"
  local cc_secret web_secret
  cc_secret=$(secret); web_secret=$(secret)
  curl -fs "${auth[@]}" "$base/admin/realms/bench/clients" --data '{"clientId": "cc-bench", "enabled": true,
    "publicClient": false, "secret": "'"$cc_secret"'", "serviceAccountsEnabled": true, "standardFlowEnabled": false,
    "directAccessGrantsEnabled": false}' || fail "Keycloak: creating cc-bench failed"
  curl -fs "${auth[@]}" "$base/admin/realms/bench/clients" --data '{"clientId": "web-bench", "enabled": true,
    "publicClient": false, "secret": "'"$web_secret"'", "standardFlowEnabled": true, "directAccessGrantsEnabled": false,
    "redirectUris": ["'"$REDIRECT"'"], "attributes": {"pkce.code.challenge.method": "S256"}}' \
    || fail "Keycloak: creating web-bench failed"
  curl -fs "${auth[@]}" "$base/admin/realms/bench/users" --data '{"username": "bench", "enabled": true,
    "email": "bench@example.com", "emailVerified": true, "firstName": "Bench", "lastName": "User",
    "credentials": [{"type": "password", "value": "'"$PASSWORD"'", "temporary": false}]}' \
    || fail "Keycloak: creating the user failed"
  local user_id
  user_id=$(curl -fs "${auth[@]}" "$base/admin/realms/bench/users?username=bench&exact=true" | jq -r '.[0].id')
  echo "# Keycloak password hash (realm default policy): $(curl -fs "${auth[@]}" \
    "$base/admin/realms/bench/users/$user_id/credentials" | jq -r '.[0].credentialData')" >&2
  sleep 3
  target keycloak "$java_pid" "$base/realms/bench/protocol/openid-connect/auth" \
    "$base/realms/bench/protocol/openid-connect/token" cc-bench "$cc_secret" web-bench "$web_secret" bench
}

log "signing: $SIGNING"
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $($JAVA -version 2>&1 | head -n 1)"
holdfast
names=(holdfast)
if [ "${SKIP_KEYCLOAK:-}" != 1 ]; then
  keycloak
  names+=(keycloak)
fi
sleep 3
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Both servers are up (each idle while the other is measured). Per scenario: each warms up, then ROUNDS rounds
# measure COUNT / ROUNDS requests on each, the servers taking turns (Holdfast first in odd rounds, Keycloak first in
# even ones), so that a drift of the machine's speed during the run falls on both alike; the table gives the
# requests, CPU and time of all rounds together, and each round's own CPU figures go to stderr as it ends.
for scenario in cc refresh login; do
  case $scenario in
    cc) count=$CC_COUNT; warm=$CC_COUNT; concurrency=$CONCURRENCY ;;
    refresh) count=$REFRESH_COUNT; warm=$REFRESH_COUNT; concurrency=$REFRESH_CONCURRENCY ;;
    login) count=$LOGIN_COUNT; warm=$((LOGIN_COUNT / 3)); concurrency=$LOGIN_CONCURRENCY ;;
  esac
  for name in "${names[@]}"; do
    log "$name: $scenario warm-up ($warm, concurrency $concurrency)"
    measure "$name" "$scenario" "$warm" "$concurrency" > /dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    order=("${names[@]}")
    if [ $((round % 2)) = 0 ] && [ ${#names[@]} = 2 ]; then order=(keycloak holdfast); fi
    for name in "${order[@]}"; do
      log "$name: $scenario round $round of $ROUNDS ($((count / ROUNDS)), concurrency $concurrency)"
      measure "$name" "$scenario" $((count / ROUNDS)) "$concurrency" > "$RESULTS/$name.$scenario.$round"
      sed 's/^/#   /' "$RESULTS/$name.$scenario.$round" | grep -E 'cpu_ms|per_core|failed' >&2 || true
    done
  done
  for name in "${names[@]}"; do
    # all rounds together: requests and CPU add up; latency percentiles are the worst round's
    awk -F= '/^requests=/ {cur = $2; n += $2} /^seconds=/ {t += $2} /^cpu_ms_per_request=/ {c += $2 * cur}
      /^latency_p50_ms=/ {if ($2 + 0 > p50 + 0) p50 = $2} /^latency_p99_ms=/ {if ($2 + 0 > p99 + 0) p99 = $2}
      /^failed=/ {f += $2} /_alg=/ {alg[$1] = $2}
      END { printf "requests=%d\nper_second=%.1f\ncpu_ms_per_request=%.2f\nper_core_second=%.1f\n", n, n / t, c / n, 1000 * n / c;
        printf "latency_p50_ms=%s\nlatency_p99_ms=%s\nfailed=%d\n", p50, p99, f;
        for (a in alg) printf "%s=%s\n", a, alg[a] }' "$RESULTS/$name.$scenario".[0-9]* > "$RESULTS/$name.$scenario"
  done
done
sleep 5
for name in "${names[@]}"; do
  pid=$(sed -n 2p "$RESULTS/$name.target")
  { echo "rss_after_mib=$(rss_mib "$pid")"; echo "rss_peak_mib=$(hwm_mib "$pid")"; } >> "$RESULTS/$name.memory"
done
stop_servers
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- table
value() { local file=$RESULTS/$1.$2; [ -f "$file" ] && sed -n "s/^$3=//p" "$file" || echo "-"; }
ratio() { awk -v a="$1" -v b="$2" -v inv="${3:-0}" 'BEGIN { if (a == "-" || b == "-" || a + 0 == 0 || b + 0 == 0) print "-";
  else if (inv) printf "%.2f×", b / a; else printf "%.2f×", a / b }'; }
printf '\n%-10s %-10s %10s %10s %12s %9s %9s %8s\n' scenario server "req/s" "CPU ms" "per core-s" "p50 ms" "p99 ms" failed
for scenario in cc refresh login; do
  for server in holdfast keycloak; do
    printf '%-10s %-10s %10s %10s %12s %9s %9s %8s\n' "$scenario" "$server" "$(value $server $scenario per_second)" \
      "$(value $server $scenario cpu_ms_per_request)" "$(value $server $scenario per_core_second)" \
      "$(value $server $scenario latency_p50_ms)" "$(value $server $scenario latency_p99_ms)" \
      "$(value $server $scenario failed)"
  done
  printf '%-10s %-10s %10s %10s %12s\n' "$scenario" "HF/KC" \
    "$(ratio "$(value holdfast $scenario per_second)" "$(value keycloak $scenario per_second)")" \
    "$(ratio "$(value holdfast $scenario cpu_ms_per_request)" "$(value keycloak $scenario cpu_ms_per_request)")" \
    "$(ratio "$(value holdfast $scenario per_core_second)" "$(value keycloak $scenario per_core_second)")"
done
echo
for server in holdfast keycloak; do
  for scenario in cc refresh; do
    [ -f "$RESULTS/$server.$scenario" ] && echo "$server $scenario signed with: access token $(value $server $scenario access_token_alg), ID token $(value $server $scenario id_token_alg)"
  done
done
for server in holdfast keycloak; do
  [ -f "$RESULTS/$server.memory" ] && echo "$server: $(tr '\n' ' ' < "$RESULTS/$server.memory")"
done
echo "cores=$(nproc) load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
