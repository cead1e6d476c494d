/** Pack files: encrypted blobs followed by an encrypted header and its length. */
@NullMarked
package dev.holdfast.backup.repository.internal.pack;

import org.jspecify.annotations.NullMarked;
