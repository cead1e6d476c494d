#!/usr/bin/env bash
# Holdfast backup vs restic 0.14 on many small files (a mail store, a home folder): wall time and peak RSS of
# first backup, no-change backup, restore, check, stats, diff, and forget --prune, with cold caches before each.
# Usage: bench/backup/many-files.sh [thousands-of-files]   (default 600; 100 files of 10-400 random bytes a folder)
# Needs what run.sh needs. Disk: about 4 KiB per file for the data and again per restore, plus the repositories.
set -euo pipefail
thousands=${1:-600}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/backup/backup-cli/src/main/dist/holdfast-backup"
[ -f "$root/backup/backup-cli/target/holdfast-backup.jar" ] || { echo "build the CLI jar first" >&2; exit 1; }
work=${BENCH_DIR:-$(mktemp -d /var/tmp/holdfast-many-files.XXXXXX)}
trap 'rm -rf "$work"' EXIT
export RESTIC_PASSWORD=bench

echo "generating $thousands thousand small files in $work/data"
python3 - "$work/data" "$thousands" <<'PY'
import os, random, sys
random.seed(1)
for d in range(int(sys.argv[2]) * 10):
    folder = os.path.join(sys.argv[1], f"d{d // 100:04d}", f"s{d % 100:02d}")
    os.makedirs(folder, exist_ok=True)
    for f in range(100):
        with open(os.path.join(folder, f"f{f:03d}.txt"), "wb") as out:
            out.write(random.randbytes(random.randint(10, 400)))
PY

results="$work/results.tsv"
: > "$results"
measure() { # name tool command...
  local name=$1 tool=$2; shift 2
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r secs kib < "$work/time"
  printf '%s\t%s\t%s\t%s\n' "$name" "$tool" "$secs" "$kib" | tee -a "$results"
}

for tool in restic holdfast; do
  repo="$work/repo-$tool"
  if [ $tool = restic ]; then run=(restic --no-cache -q -r "$repo"); else run=("$cli" -q -r "$repo"); fi
  "${run[@]}" init > /dev/null
  measure first-backup $tool "${run[@]}" backup "$work/data"
  touch "$work/data/d0000/s00/f000.txt" # one changed file: diff has something to find
  measure no-change $tool "${run[@]}" backup "$work/data"
  measure restore $tool "${run[@]}" restore latest --target "$work/restore-$tool"
  rm -rf "$work/restore-$tool"
  measure check $tool "${run[@]}" check
  measure stats $tool "${run[@]}" stats
  ids=$("${run[@]}" snapshots --json | python3 -c 'import json, sys; s = json.load(sys.stdin); print(s[0]["id"][:8], s[-1]["id"][:8])')
  # shellcheck disable=SC2086 # two IDs
  measure diff $tool "${run[@]}" diff $ids
  measure forget-prune $tool "${run[@]}" forget --keep-last 1 --prune
done

python3 - "$results" "$thousands" <<'PY'
import sys, collections
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    name, tool, secs, kib = line.split()
    rows[name][tool] = (float(secs), int(kib))
print(f"\n{sys.argv[2]} thousand files, {'operation':<13} restic s / MiB RSS   holdfast s / MiB RSS   speed ratio   RSS ratio")
for name, r in rows.items():
    (rs, rk), (hs, hk) = r['restic'], r['holdfast']
    print(f"  {name:<13} {rs:8.2f} / {rk/1024:5.0f}      {hs:8.2f} / {hk/1024:5.0f}      {rs/hs:6.2f}x     {hk/rk:6.2f}")
PY
