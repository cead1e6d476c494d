package dev.holdfast.platform.monitor.status;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A public status page: served at {@code /status/<slug>}, and at {@code /} for requests whose Host is its domain.
 *
 * @param logoUrl an http(s) URL of the logo, or null
 * @param logoType the media type of an uploaded logo (which wins over {@code logoUrl}), or null
 * @param domain a host name such as {@code status.example.com}, or null
 * @param groups sections of the page, each listing monitors by id in order
 */
record StatusPage(String id, String slug, String title, String description, @Nullable String logoUrl, @Nullable String logoType, @Nullable String domain,
        List<Group> groups, Instant updatedAt) {

    record Group(String name, List<String> monitors) {}
}
