# README.md's JVM flags ("On a small server"), sourced by the benches so that they run Holdfast as the README says.
# Keep in step with README.md.
# shellcheck shell=bash
# G1 gives back the heap it does not use: shrink to what is live plus about a third, and collect after 30 idle seconds.
HOLDFAST_HEAP_FLAGS="-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:G1PeriodicGCInterval=30000"
# The small-server default: G1, a 128 MiB heap, C1 only.
HOLDFAST_SMALL_FLAGS="-XX:+UseG1GC -Xmx128m -Xss512k -XX:TieredStopAtLevel=1 $HOLDFAST_HEAP_FLAGS"
# A node whose main load is the CRM: C2 only.
HOLDFAST_BUSY_FLAGS="-XX:+UseG1GC -Xmx128m -Xss512k -XX:-TieredCompilation $HOLDFAST_HEAP_FLAGS"
