package dev.holdfast.platform.shared.web;

import java.util.List;

/**
 * Paths of a module's admin API. They get the same rules as identity's admin API: an administrator's session (the
 * CSRF token in the {@code X-CSRF-TOKEN} header for changes) or {@code Authorization: Bearer <token>} of a service
 * account holding the administrator permission; refusals are problem details. A module declares one as a bean;
 * patterns are Spring path patterns like {@code /api/monitor/v1/channels/**}.
 */
public record AdminApiPaths(List<String> patterns) {

    public static AdminApiPaths of(String... patterns) {
        return new AdminApiPaths(List.of(patterns));
    }
}
