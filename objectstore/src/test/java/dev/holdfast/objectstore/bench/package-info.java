/** The throughput benchmark of bench/objectstore: not a test, run by bench/objectstore/run.sh. */
@NullMarked
package dev.holdfast.objectstore.bench;

import org.jspecify.annotations.NullMarked;
