package dev.holdfast.platform.monitor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A time when some monitors (a group listed covers its members; every monitor when {@code monitors} is empty) are in
 * MAINTENANCE: checks pause and no DOWN is announced. Either one-off ({@code start} to {@code end}) or weekly
 * ({@code days} at {@code at} for {@code length}, read in {@code zone}).
 */
public record MaintenanceWindow(String id, List<Monitor.MonitorId> monitors, String title, @Nullable Instant start,
        @Nullable Instant end, Set<DayOfWeek> days, @Nullable LocalTime at, @Nullable Duration length, ZoneId zone) {

    public MaintenanceWindow {
        monitors = List.copyOf(monitors);
    }

    /** The same window with another id (the store gives ids). */
    public MaintenanceWindow withId(String id) {
        return new MaintenanceWindow(id, monitors, title, start, end, days, at, length, zone);
    }

    /** Whether the window is for this monitor: listed itself, its group listed, or every monitor. */
    public boolean appliesTo(Monitor.MonitorId monitor, Monitor.@Nullable MonitorId group) {
        return monitors.isEmpty() || monitors.contains(monitor) || group != null && monitors.contains(group);
    }

    public boolean weekly() {
        return !days.isEmpty();
    }

    /** Whether the window covers {@code now}. */
    public boolean covers(Instant now) {
        if (!weekly()) {
            return start != null && end != null && !now.isBefore(start) && now.isBefore(end);
        }
        if (at == null || length == null) {
            return false;
        }
        ZonedDateTime local = now.atZone(zone);
        for (int back = 0; back <= 7; back++) {
            ZonedDateTime day = local.minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                ZonedDateTime from = day.toLocalDate().atTime(at).atZone(zone);
                if (!now.isBefore(from.toInstant()) && now.isBefore(from.plus(length).toInstant())) {
                    return true;
                }
            }
        }
        return false;
    }
}
