package dev.holdfast.platform.monitor;

import java.time.Instant;

/** One check as recorded (raw history, kept briefly). */
public record CheckRecord(Instant at, MonitorState status, long responseMillis, String message) {}
