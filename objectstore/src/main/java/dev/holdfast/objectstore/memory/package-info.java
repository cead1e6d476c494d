/** An object store held in the heap, for tests and throw-away caches. */
@NullMarked
package dev.holdfast.objectstore.memory;

import org.jspecify.annotations.NullMarked;
