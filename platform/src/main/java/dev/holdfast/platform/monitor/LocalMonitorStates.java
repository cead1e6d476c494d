package dev.holdfast.platform.monitor;

import java.util.List;

/**
 * Each monitor's latest state as this node's scheduler holds it, for readers that must not query the database (the
 * Prometheus scrape). Only the monitors this node checks are offered, so with several nodes each monitor is offered
 * by one node (by two for at most a lease period); a node that runs no checks ({@code HOLDFAST_MONITOR_ENABLED=false})
 * offers none. Thread-safe.
 */
public interface LocalMonitorStates {

    /** The monitors this node checks (paused ones with {@code active} false), in no particular order. Memory only. */
    List<MonitorSummary> ofThisNode();
}
