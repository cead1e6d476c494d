/** Helpers the implementations share (content streams, bounded reads, argument checks); not API. */
@NullMarked
package dev.holdfast.objectstore.internal;

import org.jspecify.annotations.NullMarked;
