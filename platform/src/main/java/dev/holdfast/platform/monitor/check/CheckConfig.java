package dev.holdfast.platform.monitor.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A monitor's type-specific settings as they arrive from JSON (strings, numbers, booleans, objects) with typed,
 * forgiving getters ("30" and 30 are both the number 30). Immutable.
 */
public record CheckConfig(Map<String, Object> values) {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\\.?"
                    + "|\\[?[0-9A-Fa-f:.]+]?");

    public CheckConfig {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static CheckConfig of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return new CheckConfig(copy);
    }

    /** The value as trimmed text, or null when absent or blank. */
    public @Nullable String string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    public String string(String key, String fallback) {
        String value = string(key);
        return value == null ? fallback : value;
    }

    /** The value as a whole number; the fallback when absent; null when present but not a number. */
    public @Nullable Integer integer(String key, @Nullable Integer fallback) {
        String value = string(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean bool(String key) {
        Object value = values.get(key);
        return value instanceof Boolean b ? b : value != null && ("true".equalsIgnoreCase(value.toString().strip()) || "on".equals(value));
    }

    /** A nested object of text values (e.g. HTTP headers); empty when absent. */
    public Map<String, String> map(String key) {
        Object value = values.get(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return result;
    }

    /** Whether {@code text} is a host name or an IP address. */
    public static boolean isHost(@Nullable String text) {
        return text != null && HOST.matcher(text).matches();
    }

    /** Adds an error unless the key holds a host name or address. */
    public void requireHost(String key, FieldErrors errors) {
        String host = string(key);
        if (host == null) {
            errors.add("config." + key, "a host name or IP address is required");
        } else if (!isHost(host)) {
            errors.add("config." + key, "\"" + abbreviate(host) + "\" is not a host name or IP address");
        }
    }

    /** Adds an error unless the key holds a port (1-65535); absent means the fallback when one is given. */
    public void requirePort(String key, @Nullable Integer fallback, FieldErrors errors) {
        Integer port = integer(key, fallback);
        if (port == null || port < 1 || port > 65535) {
            errors.add("config." + key, "a port from 1 to 65535 is required");
        }
    }

    /** Adds an error unless the key is absent or holds a whole number in the range. */
    public void requireRange(String key, int min, int max, FieldErrors errors) {
        Integer value = integer(key, min);
        if (value == null || value < min || value > max) {
            errors.add("config." + key, "a whole number from " + min + " to " + max + " is required");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
