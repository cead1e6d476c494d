/** A restic repository (format v1/v2): keys, config, blobs in packs, index, snapshots and locks. */
@NullMarked
package dev.holdfast.backup.repository;

import org.jspecify.annotations.NullMarked;
