package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One monitor's state machine. A failed check makes an UP monitor PENDING until more than {@code retries} checks
 * in a row failed, then DOWN (announced once, an incident opens); while DOWN a reminder is announced every resend
 * interval; the first passing check makes it UP (announced with how long it was down, the incident closes).
 * During maintenance the state is MAINTENANCE and nothing is announced; a monitor down before maintenance stays
 * in its incident. Not thread-safe: the scheduler runs one check of a monitor at a time.
 */
final class Tracker {

    MonitorState state = MonitorState.PENDING;
    @Nullable Instant since;
    int failures;
    @Nullable Instant downSince;
    @Nullable Instant lastNotified;
    @Nullable String incidentId;

    /** What one check changed. */
    record Step(MonitorState state, @Nullable MonitorStateChanged event, @Nullable String openedIncident,
            @Nullable String closedIncident) {}

    /**
     * Applies one check.
     *
     * @param up the check's verdict after upside-down mode
     * @param message the check's message (the cause when down)
     */
    Step apply(boolean up, String message, Instant now, boolean maintenance, int retries, Duration resendInterval,
            String monitorId, String name, String target) {
        MonitorState previous = state;
        if (maintenance) {
            enter(MonitorState.MAINTENANCE, now);
            failures = 0;
            return new Step(state, null, null, null);
        }
        if (up) {
            failures = 0;
            enter(MonitorState.UP, now);
            if (downSince != null) {
                Duration downFor = Duration.between(downSince, now);
                String closed = incidentId;
                downSince = null;
                incidentId = null;
                lastNotified = null;
                return new Step(state, new MonitorStateChanged(monitorId, name, target, MonitorState.UP,
                        previous == MonitorState.MAINTENANCE ? MonitorState.MAINTENANCE : MonitorState.DOWN, message, now, downFor, false), null, closed);
            }
            return new Step(state, null, null, null);
        }
        failures++;
        if (downSince != null) {
            enter(MonitorState.DOWN, now);
            if (!resendInterval.isZero() && lastNotified != null && !now.isBefore(lastNotified.plus(resendInterval))) {
                lastNotified = now;
                return new Step(state, new MonitorStateChanged(monitorId, name, target, MonitorState.DOWN,
                        MonitorState.DOWN, message, now, null, true), null, null);
            }
            return new Step(state, null, null, null);
        }
        if (failures > retries) {
            enter(MonitorState.DOWN, now);
            downSince = now;
            lastNotified = now;
            incidentId = UUID.randomUUID().toString();
            return new Step(state, new MonitorStateChanged(monitorId, name, target, MonitorState.DOWN, previous, message,
                    now, null, false), incidentId, null);
        }
        enter(MonitorState.PENDING, now);
        return new Step(state, null, null, null);
    }

    private void enter(MonitorState next, Instant now) {
        if (next != state || since == null) {
            state = next;
            since = now;
        }
    }
}
