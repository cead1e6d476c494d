package dev.holdfast.platform.monitor.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The whole monitoring setup as a YAML document: monitors (by name), maintenance windows and status pages (by slug),
 * all referring to monitors by name so the file moves between installations, and tags with their colours (a monitor
 * lists its tags as {@code name} or {@code name:value}). Durations are whole seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MonitoringSetup(@Nullable Integer version, @Nullable List<MonitorEntry> monitors, @Nullable List<MaintenanceEntry> maintenance,
        @Nullable List<PageEntry> statusPages, @Nullable List<TagEntry> tags) {

    /** A tag's colour; monitors name their tags in {@link MonitorEntry#tags()}. */
    record TagEntry(@Nullable String name, @Nullable String color) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MonitorEntry(@Nullable String name, @Nullable String type, @Nullable Map<String, Object> config, @Nullable Long interval,
            @Nullable Long timeout, @Nullable Integer retries, @Nullable Long retryInterval, @Nullable Long resendInterval,
            @Nullable Boolean upsideDown, @Nullable Boolean active, @Nullable String parent, @Nullable List<String> tags) {}

    /**
     * One-off ({@code start}, {@code end} as ISO instants) or weekly ({@code days}, {@code at} HH:mm, {@code minutes}),
     * for the monitors named in {@code monitors} (a group covers its members; none: every monitor). {@code monitor}
     * (one name) is how files written before windows listed several monitors say it; it is read, never written.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MaintenanceEntry(@Nullable String title, @Nullable String monitor, @Nullable List<String> monitors, @Nullable String start, @Nullable String end,
            @Nullable List<String> days, @Nullable String at, @Nullable Long minutes, @Nullable String zone) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PageEntry(@Nullable String slug, @Nullable String title, @Nullable String description, @Nullable String logoUrl,
            @Nullable String domain, @Nullable List<GroupEntry> groups) {}

    record GroupEntry(@Nullable String name, @Nullable List<String> monitors) {}
}
