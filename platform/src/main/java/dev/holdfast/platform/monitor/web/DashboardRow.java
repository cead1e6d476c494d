package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One monitor on the dashboard: its status, its last 24 hours in slots (true up, false down, null no checks) and its tags.
 */
public record DashboardRow(Monitor monitor, MonitorStatus status, List<@Nullable Boolean> lastDay,
        List<dev.holdfast.platform.monitor.MonitorTag> tags) {

    public String id() {
        return monitor.id().value();
    }

    /** The CSS class of a state: {@code state-up}, {@code state-down}, ... */
    public String stateClass() {
        return monitor.active() ? "state-" + status.state().name().toLowerCase(java.util.Locale.ROOT) : "state-paused";
    }

    public String stateText() {
        return monitor.active() ? status.state().name() : "PAUSED";
    }

    public String response() {
        return status.responseMillis() == null ? "–" : status.responseMillis() + " ms";
    }

    /** The dashboard filtered by a tag ({@code name:value}). */
    public static String tagUrl(dev.holdfast.platform.monitor.MonitorTag tag) {
        return "/monitor?tag=" + java.net.URLEncoder.encode(tag.label(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String slotClass(@Nullable Boolean slot) {
        return slot == null ? "slot-none" : slot ? "slot-up" : "slot-down";
    }

    /** An uptime share as a percentage with three decimals, or a dash without checks. */
    public static String percent(@Nullable Double share) {
        return share == null ? "–" : String.format(java.util.Locale.ROOT, "%.3f %%", share * 100);
    }

    /** A time as people read it in UTC: {@code 2026-03-10 10:00:05}. */
    public static String time(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    /** A duration in its two largest units: {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}, {@code 3 d 4 h}. */
    public static String duration(java.time.Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        if (seconds < 86400) {
            return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
        }
        return seconds / 86400 + " d" + (seconds % 86400 / 3600 == 0 ? "" : " " + seconds % 86400 / 3600 + " h");
    }
}
