/** Backends store a repository's files by type and name; they know nothing about repositories or encryption. */
@NullMarked
package dev.holdfast.backup.backend;

import org.jspecify.annotations.NullMarked;
