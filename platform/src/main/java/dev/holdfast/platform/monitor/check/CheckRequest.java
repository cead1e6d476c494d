package dev.holdfast.platform.monitor.check;

import dev.holdfast.platform.monitor.MonitorState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One probe to run.
 *
 * @param monitorId the monitor's id
 * @param config its type-specific settings
 * @param timeout how long the probe may take
 * @param interval the monitor's interval (push monitors are down when silent longer)
 * @param now when the probe starts
 * @param push the watched job's last call of the push URL (push monitors), or null
 * @param children the states of a group's children by id (group monitors), else empty
 */
public record CheckRequest(String monitorId, CheckConfig config, Duration timeout, Duration interval, Instant now,
        @Nullable Push push, Map<String, MonitorState> children) {

    /** A request whose last push (if any) reported up without message or ping. */
    public CheckRequest(String monitorId, CheckConfig config, Duration timeout, Duration interval, Instant now,
            @Nullable Instant lastPush, Map<String, MonitorState> children) {
        this(monitorId, config, timeout, interval, now, lastPush == null ? null : new Push(lastPush, true, null, null), children);
    }

    /** When the push URL was last called, or null. */
    public @Nullable Instant lastPush() {
        return push == null ? null : push.at();
    }

    /**
     * A call of a push monitor's URL, as Uptime Kuma's push URL takes it ({@code ?status=up|down&msg=...&ping=...}).
     *
     * @param at when it came (before the first call: when the monitor was last saved)
     * @param up false when the job reported {@code status=down}
     * @param message the job's {@code msg}, or null
     * @param pingMillis the job's {@code ping} (its own response time), or null
     */
    public record Push(Instant at, boolean up, @Nullable String message, @Nullable Long pingMillis) {}
}
