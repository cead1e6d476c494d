/** The checker verifies a repository's structure and, optionally, all of its data. */
@NullMarked
package dev.holdfast.backup.checker;

import org.jspecify.annotations.NullMarked;
