package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of monitoring.
 *
 * @param enabled whether this node runs checks at all ({@code HOLDFAST_MONITOR_ENABLED}, default true)
 * @param minInterval shortest interval a monitor may have ({@code HOLDFAST_MONITOR_MIN_INTERVAL}, default 20s)
 * @param rawRetention how long raw check results are kept ({@code HOLDFAST_MONITOR_RAW_RETENTION}, default 24h;
 *     rollups keep minutes 48 h, hours 35 days, days 400 days)
 * @param flushInterval how often the result writer writes its batch ({@code HOLDFAST_MONITOR_FLUSH_INTERVAL}, default 1s)
 * @param flushSize results that make the writer write before the interval ends ({@code HOLDFAST_MONITOR_FLUSH_SIZE}, default 500)
 * @param perHostConcurrency checks allowed to run against one host at once ({@code HOLDFAST_MONITOR_PER_HOST_CONCURRENCY}, default 8)
 * @param leaseDuration how long a node's lease lives without renewal; a dead node's monitors move to others after it
 *     ({@code HOLDFAST_MONITOR_LEASE_DURATION}, default 30s)
 * @param syncInterval how often a node re-reads monitors changed on other nodes ({@code HOLDFAST_MONITOR_SYNC_INTERVAL}, default 10s)
 * @param selfMonitoring whether the first start creates monitors for Holdfast itself ({@code HOLDFAST_MONITOR_SELF_MONITORING}, default true)
 */
@ConfigurationProperties("holdfast.monitor")
public record MonitorSettings(@Nullable Boolean enabled, @Nullable Duration minInterval, @Nullable Duration rawRetention,
        @Nullable Duration flushInterval, @Nullable Integer flushSize, @Nullable Integer perHostConcurrency,
        @Nullable Duration leaseDuration, @Nullable Duration syncInterval, @Nullable Boolean selfMonitoring) {

    public MonitorSettings {
        enabled = enabled == null || enabled;
        minInterval = at(minInterval, Duration.ofSeconds(20), Duration.ofMillis(100), "HOLDFAST_MONITOR_MIN_INTERVAL");
        rawRetention = at(rawRetention, Duration.ofHours(24), Duration.ofMinutes(10), "HOLDFAST_MONITOR_RAW_RETENTION");
        flushInterval = at(flushInterval, Duration.ofSeconds(1), Duration.ofMillis(10), "HOLDFAST_MONITOR_FLUSH_INTERVAL");
        flushSize = flushSize == null ? 500 : flushSize;
        if (flushSize < 1 || flushSize > 100_000) {
            throw new InvalidSettingException("HOLDFAST_MONITOR_FLUSH_SIZE", flushSize.toString(), "a whole number from 1 to 100000");
        }
        perHostConcurrency = perHostConcurrency == null ? 8 : perHostConcurrency;
        if (perHostConcurrency < 1 || perHostConcurrency > 10_000) {
            throw new InvalidSettingException("HOLDFAST_MONITOR_PER_HOST_CONCURRENCY", perHostConcurrency.toString(), "a whole number from 1 to 10000");
        }
        leaseDuration = at(leaseDuration, Duration.ofSeconds(30), Duration.ofSeconds(3), "HOLDFAST_MONITOR_LEASE_DURATION");
        syncInterval = at(syncInterval, Duration.ofSeconds(10), Duration.ofMillis(100), "HOLDFAST_MONITOR_SYNC_INTERVAL");
        selfMonitoring = selfMonitoring == null || selfMonitoring;
    }

    private static Duration at(@Nullable Duration value, Duration fallback, Duration min, String setting) {
        Duration result = value == null ? fallback : value;
        if (result.compareTo(min) < 0) {
            throw new InvalidSettingException(setting, result.toString(), "a duration of at least " + min.toMillis() + "ms");
        }
        return result;
    }

    @Override
    public Boolean enabled() {
        return Objects.requireNonNull(enabled);
    }

    @Override
    public Duration minInterval() {
        return Objects.requireNonNull(minInterval);
    }

    @Override
    public Duration rawRetention() {
        return Objects.requireNonNull(rawRetention);
    }

    @Override
    public Duration flushInterval() {
        return Objects.requireNonNull(flushInterval);
    }

    @Override
    public Integer flushSize() {
        return Objects.requireNonNull(flushSize);
    }

    @Override
    public Integer perHostConcurrency() {
        return Objects.requireNonNull(perHostConcurrency);
    }

    @Override
    public Duration leaseDuration() {
        return Objects.requireNonNull(leaseDuration);
    }

    @Override
    public Duration syncInterval() {
        return Objects.requireNonNull(syncInterval);
    }

    @Override
    public Boolean selfMonitoring() {
        return Objects.requireNonNull(selfMonitoring);
    }
}
