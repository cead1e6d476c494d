package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.MaintenanceWindow;

/** One maintenance window as the maintenance page lists it: what it covers, when, and whether it is in effect now. */
public record MaintenanceRow(MaintenanceWindow window, String covers, String when, String state) {}
