package dev.holdfast.objectstore.s3;

import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectAlreadyExistsException;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.TransientObjectStoreException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK exceptions into the library's: 4xx are final, 429, 5xx and I/O failures are transient. */
final class S3Errors {

    private static final Set<String> ACCESS_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled");
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "RequestTimeout", "InternalError",
            "ServiceUnavailable", "Throttling", "ThrottlingException", "RequestTimeTooSkewed");

    private S3Errors() {}

    /**
     * The library exception for {@code e}, thrown by operation {@code operation} on {@code key} of {@code bucket}.
     *
     * @param key the store's key (without the store prefix)
     */
    static ObjectStoreException map(String operation, String bucket, String key, SdkException e) {
        String what = operation + " of key '" + ObjectKeys.printable(key) + "' in bucket '" + bucket + "'";
        if (e instanceof S3Exception s3) {
            return map(what, bucket, key, s3);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || hasIoCause(e)) {
            return new TransientObjectStoreException(what + " failed: " + e.getMessage(), e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new ObjectStoreAccessException(what + " failed: no S3 credentials: " + e.getMessage(), e);
        }
        return new ObjectStoreException(what + " failed: " + e.getMessage(), e);
    }

    private static ObjectStoreException map(String what, String bucket, String key, S3Exception e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String detail = " (HTTP " + status + (code == null ? "" : ", " + code) + ")";
        if ("NoSuchBucket".equals(code)) {
            return new ObjectStoreException(what + " failed: bucket '" + bucket + "' does not exist" + detail, e);
        }
        if (status == 404) {
            return new NoSuchObjectException(key, e);
        }
        if (status == 403 || status == 401 || ACCESS_CODES.contains(code)) {
            return new ObjectStoreAccessException(what + " was refused" + detail
                    + ": check the S3 access key, secret and the key's permissions", e);
        }
        if (status == 412 || "ConditionalRequestConflict".equals(code)) {
            return new ObjectAlreadyExistsException(key, e);
        }
        if (status == 429 || status >= 500 || TRANSIENT_CODES.contains(code)) {
            return new TransientObjectStoreException(what + " failed" + detail + ": " + e.getMessage(), e);
        }
        return new ObjectStoreException(what + " failed" + detail + ": " + e.getMessage(), e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
