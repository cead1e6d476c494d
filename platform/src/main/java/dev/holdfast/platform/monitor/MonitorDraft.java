package dev.holdfast.platform.monitor;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a person or API client asks for when creating or changing a monitor. Absent values take defaults
 * (interval 60 s, timeout 80 % of the interval at most 30 s, no retries, retry interval = interval, no resend).
 * Durations are whole seconds.
 */
public record MonitorDraft(@Nullable String name, @Nullable String type, @Nullable Map<String, Object> config,
        @Nullable Long interval, @Nullable Long timeout, @Nullable Integer retries, @Nullable Long retryInterval,
        @Nullable Long resendInterval, @Nullable Boolean upsideDown, @Nullable String parent) {}
