/** The backup engine's API: identifiers, the snapshot and tree model, options and the exceptions it throws. */
@NullMarked
package dev.holdfast.backup;

import org.jspecify.annotations.NullMarked;
