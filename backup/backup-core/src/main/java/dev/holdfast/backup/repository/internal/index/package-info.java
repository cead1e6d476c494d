/** The in-memory index of blobs in packs and its JSON index files. */
@NullMarked
package dev.holdfast.backup.repository.internal.index;

import org.jspecify.annotations.NullMarked;
