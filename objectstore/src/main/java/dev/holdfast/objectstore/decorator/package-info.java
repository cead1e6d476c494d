/** Wrappers that add one concern each to any store (retry, concurrency limit, metrics), stacked like restic's backend wrappers. */
@NullMarked
package dev.holdfast.objectstore.decorator;

import org.jspecify.annotations.NullMarked;
