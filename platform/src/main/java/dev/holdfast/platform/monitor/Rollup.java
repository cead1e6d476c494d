package dev.holdfast.platform.monitor;

import java.time.Instant;

/**
 * Checks summed over a minute, an hour or a day. PENDING counts as down; MAINTENANCE is left out. Response times
 * are in milliseconds, over all counted checks.
 */
public record Rollup(Instant bucket, int up, int down, long avgMillis, long minMillis, long maxMillis, long p95Millis) {}
