/** An object store in an Azure Blob Storage container through the Azure Storage SDK, with the access tier set on upload. */
@NullMarked
package dev.holdfast.objectstore.azure;

import org.jspecify.annotations.NullMarked;
