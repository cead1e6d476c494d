/** Backends over the objectstore library (S3, Azure Blob) in restic's default layout, with restic's location spelling. */
@NullMarked
package dev.holdfast.backup.backend.objectstore;

import org.jspecify.annotations.NullMarked;
