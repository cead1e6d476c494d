/** The archiver reads paths from the filesystem and saves them as a snapshot. */
@NullMarked
package dev.holdfast.backup.archiver;

import org.jspecify.annotations.NullMarked;
