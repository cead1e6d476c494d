/** restic's forget policy: which snapshots to keep, per group of host, paths and tags. */
@NullMarked
package dev.holdfast.backup.forget;

import org.jspecify.annotations.NullMarked;
