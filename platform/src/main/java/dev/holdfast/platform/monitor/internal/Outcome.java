package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One check and what it did to its monitor's state, waiting for the result writer: the raw result, the state row
 * after it, and the incident opened or closed and the event to publish, all written in one transaction.
 */
record Outcome(String monitorId, Instant at, MonitorState status, long responseMillis, String message,
        MonitorState state, @Nullable Instant since, int failures, @Nullable Instant downSince,
        @Nullable Instant lastNotified, @Nullable String incidentId, @Nullable String openedIncident,
        @Nullable String closedIncident, @Nullable MonitorStateChanged event) {}
