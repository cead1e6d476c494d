/** An object store in a directory on local disk: atomic, durable puts by temporary file, fsync and rename. */
@NullMarked
package dev.holdfast.objectstore.local;

import org.jspecify.annotations.NullMarked;
