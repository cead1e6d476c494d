/** restic's path patterns (its {@code internal/filter}): Go's {@code filepath.Match} per component, {@code **}, {@code !}. */
@NullMarked
package dev.holdfast.backup.filter;

import org.jspecify.annotations.NullMarked;
