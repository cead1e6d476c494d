/** Copying snapshots between repositories without re-chunking, as restic's copy does. */
@NullMarked
package dev.holdfast.backup.copier;

import org.jspecify.annotations.NullMarked;
