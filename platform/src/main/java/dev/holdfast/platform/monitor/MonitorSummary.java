package dev.holdfast.platform.monitor;

/** A monitor with its current status, for lists. */
public record MonitorSummary(Monitor monitor, MonitorStatus status) {}
