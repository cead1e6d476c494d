package dev.holdfast.platform.monitor.status;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a public status page shows, in text ready for the template. Its {@code toString()} is the page's
 * content, so its hash is the ETag.
 */
public record StatusPageView(String slug, String title, String description, @Nullable String logoUrl, Banner banner,
        List<GroupView> groups, List<IncidentView> incidents, List<String> maintenance, String firstDay, String lastDay) {

    /** The overall state: {@code kind} is up, partial, major or maintenance. */
    public record Banner(String kind, String text) {}

    public record GroupView(String name, List<MonitorRow> monitors) {}

    /** One monitor: its state now, its uptime over the 90 days, and one bar per day (oldest first). */
    public record MonitorRow(String name, String state, String stateClass, String uptime, List<DayBar> days) {}

    /** A day's bar at {@code x} in the SVG; {@code kind} is up, partial, down or none (no checks). */
    public record DayBar(int x, String kind, String label) {}

    public record IncidentView(String title, String state, String stateClass, String started, List<UpdateView> updates) {}

    public record UpdateView(String state, String body, String at) {}
}
