package dev.holdfast.platform.monitor;

/** The state of a monitor, as Uptime Kuma names them. */
public enum MonitorState {
    UP, DOWN, PENDING, MAINTENANCE
}
