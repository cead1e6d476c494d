/** The restorer writes a snapshot's files back to the filesystem. */
@NullMarked
package dev.holdfast.backup.restorer;

import org.jspecify.annotations.NullMarked;
