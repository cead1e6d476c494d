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
 * @param lastPush when the watched job last called the push URL (push monitors), or null
 * @param children the states of a group's children by id (group monitors), else empty
 */
public record CheckRequest(String monitorId, CheckConfig config, Duration timeout, Duration interval, Instant now,
        @Nullable Instant lastPush, Map<String, MonitorState> children) {}
