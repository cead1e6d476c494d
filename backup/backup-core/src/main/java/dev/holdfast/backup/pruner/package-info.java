/** Pruning: deleting and repacking packs so that only blobs used by snapshots remain (within --max-unused). */
@NullMarked
package dev.holdfast.backup.pruner;

import org.jspecify.annotations.NullMarked;
