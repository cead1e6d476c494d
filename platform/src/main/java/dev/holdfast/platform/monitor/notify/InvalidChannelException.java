package dev.holdfast.platform.monitor.notify;

import java.util.Map;

/** A channel's name, type or settings are not acceptable; {@link #errors} names each field (e.g. {@code settings.botToken}). */
class InvalidChannelException extends RuntimeException {

    private final Map<String, String> errors;

    InvalidChannelException(Map<String, String> errors) {
        super("invalid " + String.join(", ", errors.keySet()));
        this.errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
    }

    Map<String, String> errors() {
        return errors;
    }
}
