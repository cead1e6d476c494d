#!/usr/bin/env bash
# Object store throughput: SIZE MiB (default 1024) uploaded and downloaded once through each store, next to cp
# (local disk) and rclone (s3rver, Azurite) on the same target. Prints a Markdown table. Loopback only.
# Usage: bench/objectstore/run.sh [SIZE_MIB] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
size_mib=${1:-1024}
work=${2:-$(mktemp -d /var/tmp/holdfast-objectstore-bench.XXXXXX)}

command -v rclone >/dev/null || { echo "rclone is missing: apt-get install rclone" >&2; exit 1; }
[ -x test-peers/node_modules/.bin/s3rver ] && [ -x test-peers/node_modules/.bin/azurite-blob ] \
  || npm ci --prefix test-peers

./mvnw -B -q -pl objectstore -am verify -DskipTests
./mvnw -B -q -pl objectstore -am dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="objectstore/target/test-classes:objectstore/target/classes:testkit/target/classes:$(cat objectstore/target/bench.classpath)"

(cd objectstore && "$JAVA_HOME/bin/java" -Xmx4g -cp "$(sed 's#\(^\|:\)\(objectstore\|testkit\)/#\1../\2/#g' <<<"$classpath")" \
  dev.holdfast.objectstore.bench.ObjectStoreBenchmark "$size_mib" "$work")
rm -rf "$work"
