#!/usr/bin/env bash
# The monitoring dashboard with 5,000 monitors, on SQLite and PostgreSQL: first page, a middle page, a search, a tag
# filter, and the page's 24 h bars read at once versus one read per row. Runs DashboardPagingBench (platform test
# sources; it seeds the tables directly and times requests inside the JVM that serves them, wall clock and CPU from
# /proc/self/stat). PostgreSQL comes from HOLDFAST_TEST_POSTGRES_URL like the tests'. See ui.md beside this file.
# Usage: bench/monitor/ui.sh   (settings: BENCH_MONITORS=5000, BENCH_RUNS=20; the build must be installed: ./mvnw -o install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rm -f platform/target/dashboard-bench.txt
./mvnw -B -q -o -pl platform test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DashboardPagingBench \
  -Dbench.monitors="${BENCH_MONITORS:-5000}" -Dbench.runs="${BENCH_RUNS:-20}" -DargLine="-Dbench.monitors=${BENCH_MONITORS:-5000} -Dbench.runs=${BENCH_RUNS:-20}" >&2
cat platform/target/dashboard-bench.txt
