package dev.holdfast.platform.monitor.check;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation messages by field name ({@code interval}, {@code config.url}), in the order they were found. */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Records a message for a field; the first message for a field wins. */
    public void add(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, String> asMap() {
        return Map.copyOf(errors);
    }

    /** The messages in the order they were found. */
    public Map<String, String> ordered() {
        return new LinkedHashMap<>(errors);
    }
}
