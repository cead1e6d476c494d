/** Walking snapshot trees: listing, diffing and measuring snapshots. */
@NullMarked
package dev.holdfast.backup.walker;

import org.jspecify.annotations.NullMarked;
