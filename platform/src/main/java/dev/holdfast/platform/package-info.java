/** The Holdfast application; each sub-package is a module. */
@NullMarked
package dev.holdfast.platform;

import org.jspecify.annotations.NullMarked;
