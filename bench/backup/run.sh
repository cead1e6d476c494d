#!/usr/bin/env bash
# Holdfast backup vs restic 0.14 on the same data, same machine: wall time and peak RSS per operation.
# Usage: bench/backup/run.sh [size-MiB]   (default 2048; the data set is generated, never committed)
# Needs: restic, GNU time (/usr/bin/time), python3, a JDK 21+ (JAVA_HOME), the CLI jar built
#        (./mvnw -pl backup/backup-cli -am package -DskipTests).
set -euo pipefail
size_mib=${1:-2048}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/backup/backup-cli/src/main/dist/holdfast-backup"
[ -f "$root/backup/backup-cli/target/holdfast-backup.jar" ] || { echo "build the CLI jar first" >&2; exit 1; }
work=${BENCH_DIR:-$(mktemp -d /var/tmp/holdfast-backup-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
export RESTIC_PASSWORD=bench

echo "generating $size_mib MiB of mixed data in $work/data"
python3 "$(dirname "$0")/dataset.py" "$work/data" "$size_mib"

results="$work/results.tsv"
: > "$results"
measure() { # name tool command...
  local name=$1 tool=$2; shift 2
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r secs kib user sys < "$work/time"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$secs" "$kib" "$(echo "$user + $sys" | bc)" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
}

for tool in restic holdfast; do
  repo="$work/repo-$tool"
  if [ $tool = restic ]; then run=(restic --no-cache -q -r "$repo"); else run=("$cli" -q -r "$repo"); fi
  "${run[@]}" init > /dev/null
  measure first-backup $tool "${run[@]}" backup "$work/data"
  measure no-change $tool "${run[@]}" backup "$work/data"
done
python3 "$(dirname "$0")/dataset.py" "$work/data" "$size_mib" --change 10
# both incremental backups before any restore: a restore writes 2 GiB, and the disk's work after it (writeback,
# ext4's lazy inode table initialisation) fell on whichever backup came next
for tool in restic holdfast; do
  repo="$work/repo-$tool"
  if [ $tool = restic ]; then run=(restic --no-cache -q -r "$repo"); else run=("$cli" -q -r "$repo"); fi
  measure change-10pct $tool "${run[@]}" backup "$work/data"
done
for tool in restic holdfast; do
  repo="$work/repo-$tool"
  if [ $tool = restic ]; then run=(restic --no-cache -q -r "$repo"); else run=("$cli" -q -r "$repo"); fi
  # each tool restores into a folder of its own, removed only at the end: files created just after thousands were
  # deleted cost ext4 many times the kernel time (it skips recently freed inodes), which would tax the second tool
  measure restore $tool "${run[@]}" restore latest --target "$work/restore-$tool"
  measure check-read-data $tool "${run[@]}" check --read-data
done
rm -rf "$work"/restore-*

python3 - "$results" "$size_mib" <<'PY'
import sys, collections
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    name, tool, secs, kib, cpu, load = line.split()
    rows[name][tool] = (float(secs), int(kib), float(cpu), float(load))
print(f"\n{sys.argv[2]} MiB, {'operation':<16} restic s / CPU s / MiB RSS   holdfast s / CPU s / MiB RSS"
      "   speed ratio   CPU ratio   RSS ratio   load after")
for name, r in rows.items():
    (rs, rk, rc, rl), (hs, hk, hc, hl) = r['restic'], r['holdfast']
    print(f"  {name:<16} {rs:7.2f} / {rc:6.2f} / {rk/1024:5.0f}      {hs:7.2f} / {hc:6.2f} / {hk/1024:5.0f}"
          f"      {rs/hs:6.2f}x     {rc/hc:6.2f}x    {hk/rk:6.2f}     {rl:.1f} / {hl:.1f}")
PY
