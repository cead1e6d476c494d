package dev.holdfast.platform.monitor;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A time a monitor was DOWN: from when its retries ran out to when it came back up (null while it lasts). */
public record Incident(String id, Monitor.MonitorId monitor, Instant start, @Nullable Instant end, String cause) {

    /** How long it lasted, or has lasted until {@code now}. */
    public Duration duration(Instant now) {
        return Duration.between(start, end == null ? now : end);
    }
}
