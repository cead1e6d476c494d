package dev.holdfast.platform.monitor.internal;

/**
 * Inside the module: a monitor was created, changed, paused, resumed, deleted or pushed to; the scheduler reloads it.
 *
 * @param checkSoon check it within moments rather than at its phase
 * @param stopped it was paused or deleted: the scheduler and {@link LatestStates} drop it before the edit's request
 *     returns, so a scrape right after never shows it as still checked
 */
record MonitorEdited(String monitorId, boolean checkSoon, boolean stopped) {

    MonitorEdited(String monitorId, boolean checkSoon) {
        this(monitorId, checkSoon, false);
    }

    static MonitorEdited stopped(String monitorId) {
        return new MonitorEdited(monitorId, false, true);
    }
}
