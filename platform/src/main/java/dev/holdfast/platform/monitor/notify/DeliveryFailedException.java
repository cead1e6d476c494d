package dev.holdfast.platform.monitor.notify;

import org.jspecify.annotations.Nullable;

/**
 * A notification did not reach its provider, or the provider refused it. The message says why (the HTTP status and
 * the start of the provider's answer, a timeout, a refused connection) and never contains a secret: no token, no
 * webhook URL.
 */
class DeliveryFailedException extends RuntimeException {

    private final @Nullable Integer status;
    private final boolean retryable;

    /**
     * @param status the provider's HTTP status, or null when there was no answer
     * @param retryable whether trying again later may help (5xx, 429, timeouts, refused connections)
     */
    DeliveryFailedException(String message, @Nullable Integer status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    @Nullable Integer status() {
        return status;
    }

    boolean retryable() {
        return retryable;
    }
}
