package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One monitor on the dashboard: its status and its last 24 hours in slots (true up, false down, null no checks).
 */
public record DashboardRow(Monitor monitor, MonitorStatus status, List<@Nullable Boolean> lastDay) {

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

    public static String slotClass(@Nullable Boolean slot) {
        return slot == null ? "slot-none" : slot ? "slot-up" : "slot-down";
    }

    /** An uptime share as a percentage with three decimals, or a dash without checks. */
    public static String percent(@Nullable Double share) {
        return share == null ? "–" : String.format(java.util.Locale.ROOT, "%.3f %%", share * 100);
    }
}
