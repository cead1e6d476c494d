/** Internals of the repository format; used only by the repository package. */
@NullMarked
package dev.holdfast.backup.repository.internal;

import org.jspecify.annotations.NullMarked;
