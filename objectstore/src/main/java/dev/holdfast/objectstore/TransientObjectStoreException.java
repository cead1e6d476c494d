package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may go away by itself: a dropped connection, a timeout, throttling (HTTP 429, 503) or another 5xx
 * answer. {@code RetryObjectStore} retries exactly these; every other {@link ObjectStoreException} is final.
 */
public class TransientObjectStoreException extends ObjectStoreException {

    public TransientObjectStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
