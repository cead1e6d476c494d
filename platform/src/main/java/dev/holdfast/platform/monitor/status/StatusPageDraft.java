package dev.holdfast.platform.monitor.status;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an administrator sends to create or replace a status page. */
record StatusPageDraft(@Nullable String slug, @Nullable String title, @Nullable String description, @Nullable String logoUrl,
        @Nullable String domain, @Nullable List<GroupDraft> groups) {

    record GroupDraft(@Nullable String name, @Nullable List<String> monitors) {}
}
