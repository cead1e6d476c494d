package dev.holdfast.platform.monitor.web;

import org.jspecify.annotations.Nullable;

/** What the API keys page shows (public for the templates). */
public final class ApiKeyViews {

    private ApiKeyViews() {}

    /** One key as listed; times as ISO text, "never" when unused. */
    public record Row(String id, String name, String prefix, String scopes, String createdBy, String createdAt, String lastUsed,
            @Nullable String revokedAt) {}
}
