package dev.holdfast.platform.monitor.web;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a monitoring API key may do. A {@code :write} scope includes reading the same area. Keys never manage keys:
 * {@code /api/monitor/v1/api-keys} is for administrators only.
 */
enum ApiScope {
    MONITORS_READ("monitors:read"), MONITORS_WRITE("monitors:write"),
    CHANNELS_READ("channels:read"), CHANNELS_WRITE("channels:write"),
    STATUS_PAGES_READ("status-pages:read"), STATUS_PAGES_WRITE("status-pages:write"),
    CONFIG_READ("config:read"), CONFIG_WRITE("config:write");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    /** The Spring Security authority a key with this scope holds. */
    String authority() {
        return "SCOPE_" + value;
    }

    static Optional<ApiScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
