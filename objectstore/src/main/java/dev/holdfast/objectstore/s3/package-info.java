/** An object store in an S3 bucket (AWS or any S3-compatible server) through the AWS SDK v2. */
@NullMarked
package dev.holdfast.objectstore.s3;

import org.jspecify.annotations.NullMarked;
