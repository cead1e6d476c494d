#!/usr/bin/env bash
# A no-change backup three ways on the same data set: restic 0.14 (a process per backup), holdfast-backup (a process
# per backup: JVM start and key derivation each time) and Holdfast's engine in one long-running JVM (WarmBackup.java:
# the repository opened once, as the platform's scheduled backups will run). Caches are dropped before every backup.
# Usage: bench/backup/warm.sh [size-MiB] [rounds]   (defaults 2048 and 5; the data set is generated, never committed)
# Needs: restic, GNU time, python3, a JDK 21+ (JAVA_HOME), the CLI jar built (./mvnw -pl backup/backup-cli -am package).
set -euo pipefail
size_mib=${1:-2048}
rounds=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/backup/backup-cli/src/main/dist/holdfast-backup"
jar="$root/backup/backup-cli/target/holdfast-backup.jar"
[ -f "$jar" ] || { echo "build the CLI jar first" >&2; exit 1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=${BENCH_DIR:-$(mktemp -d /var/tmp/holdfast-warm-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
export RESTIC_PASSWORD=bench

echo "generating $size_mib MiB of mixed data in $work/data"
python3 "$(dirname "$0")/dataset.py" "$work/data" "$size_mib" > /dev/null
restic --no-cache -q -r "$work/repo-restic" init > /dev/null
restic --no-cache -q -r "$work/repo-restic" backup "$work/data" > /dev/null
"$cli" -q -r "$work/repo-holdfast" init > /dev/null
"$cli" -q -r "$work/repo-holdfast" backup "$work/data" > /dev/null

timed() { # label command...: wall seconds and peak RSS of one run, caches dropped first
  local label=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "$label %e s %M KiB" "$@" > /dev/null 2>> "$work/times" || { cat "$work/times" >&2; exit 1; }
}
for i in $(seq "$rounds"); do
  timed restic restic --no-cache -q -r "$work/repo-restic" backup "$work/data"
  timed holdfast-cli "$cli" -q -r "$work/repo-holdfast" backup "$work/data"
done
grep -E '^(restic|holdfast-cli) ' "$work/times"
echo "holdfast engine, one JVM ($rounds rounds, repository opened once; the launcher's heap and collector):"
"${java}c" -cp "$jar" -d "$work/classes" "$(dirname "$0")/java/WarmBackup.java"
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
/usr/bin/time -f "whole process %e s %M KiB" "$java" -XX:+UseSerialGC -Xmx96m -XX:NewRatio=10 -XX:ReservedCodeCacheSize=32m -Xss512k \
  --enable-native-access=ALL-UNNAMED -cp "$jar:$work/classes" WarmBackup "$work/repo-holdfast" "$work/data" "$rounds"
