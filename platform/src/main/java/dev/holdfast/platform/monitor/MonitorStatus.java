package dev.holdfast.platform.monitor;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a monitor stands now.
 *
 * @param state the current state; PENDING before the first check
 * @param since when it entered the state
 * @param lastCheck when it was last checked, or null
 * @param responseMillis the last response time, or null
 * @param message the last check's message (the cause when down)
 */
public record MonitorStatus(MonitorState state, @Nullable Instant since, @Nullable Instant lastCheck,
        @Nullable Long responseMillis, @Nullable String message) {}
