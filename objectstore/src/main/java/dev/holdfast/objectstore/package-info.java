/** The object storage contract: one {@link dev.holdfast.objectstore.ObjectStore} interface, its values, errors and the registry that opens a store from a location string. */
@NullMarked
package dev.holdfast.objectstore;

import org.jspecify.annotations.NullMarked;
