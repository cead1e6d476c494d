package dev.holdfast.platform.monitor;

import org.jspecify.annotations.Nullable;

/** Share of up checks (0 to 1) over 24 hours, 7, 30 and 365 days, from the rollups; null without checks then. */
public record Uptime(@Nullable Double day, @Nullable Double week, @Nullable Double month, @Nullable Double year) {}
