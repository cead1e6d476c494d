package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/**
 * The store refused the caller: unknown account or access key, wrong secret or signature, expired token, or missing
 * permission. Retrying does not help; fixing the credentials does.
 */
public class ObjectStoreAccessException extends ObjectStoreException {

    public ObjectStoreAccessException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
