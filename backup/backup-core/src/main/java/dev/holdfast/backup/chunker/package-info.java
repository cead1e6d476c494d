/** Content-defined chunking with restic's Rabin fingerprint, driven by the repository polynomial. */
@NullMarked
package dev.holdfast.backup.chunker;

import org.jspecify.annotations.NullMarked;
