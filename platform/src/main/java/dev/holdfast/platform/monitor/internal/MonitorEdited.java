package dev.holdfast.platform.monitor.internal;

/** Inside the module: a monitor was created, changed, paused, resumed, deleted or pushed to; the scheduler reloads it. */
record MonitorEdited(String monitorId, boolean checkSoon) {}
