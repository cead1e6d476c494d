package dev.holdfast.platform.monitor;

import dev.holdfast.platform.monitor.Monitor.MonitorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The monitoring module's entry point: monitors, their status, history and maintenance windows. Changes take
 * effect on the scheduler at once on this node and within the sync interval on others.
 */
public interface Monitors {

    /** Creates a monitor; an {@link InvalidMonitorException} naming each bad field. */
    Monitor create(MonitorDraft draft);

    /** Replaces a monitor's settings (absent values take defaults again). */
    Monitor update(MonitorId id, MonitorDraft draft);

    void delete(MonitorId id);

    Optional<Monitor> find(MonitorId id);

    default Monitor get(MonitorId id) {
        return find(id).orElseThrow(() -> new NoSuchMonitorException(id.value()));
    }

    /**
     * A page of monitors by name, with their status; {@code search} matches name, target or a tag's name or value
     * (case-insensitive); {@code tag} ({@code name} or {@code name:value}) keeps only monitors carrying that tag.
     */
    List<MonitorSummary> list(@Nullable String search, @Nullable String tag, int offset, int limit);

    /** How many monitors {@link #list} would find without paging. */
    int count(@Nullable String search, @Nullable String tag);

    /** A page of monitors by name matching a search, any tags. */
    default List<MonitorSummary> list(@Nullable String search, int offset, int limit) {
        return list(search, null, offset, limit);
    }

    default int count(@Nullable String search) {
        return count(search, null);
    }

    void pause(MonitorId id);

    void resume(MonitorId id);

    MonitorStatus status(MonitorId id);

    /** The newest incidents first. */
    List<Incident> incidents(MonitorId id, int limit);

    /** Raw checks since a time, oldest first (kept {@code HOLDFAST_MONITOR_RAW_RETENTION}). */
    List<CheckRecord> results(MonitorId id, Instant since);

    /** Rollups of one resolution since a time, oldest first. */
    List<Rollup> rollups(MonitorId id, Resolution resolution, Instant since);

    Uptime uptime(MonitorId id);

    /** Up (true) or down for each of the last {@code slots} equal slices of 24 hours; null where no check ran. */
    List<@Nullable Boolean> lastDay(MonitorId id, int slots);

    /** {@link #lastDay} for several monitors in one read (a dashboard page); every asked id is in the answer. */
    java.util.Map<MonitorId, List<@Nullable Boolean>> lastDay(java.util.Collection<MonitorId> ids, int slots);

    /** Records a call of a push monitor's secret URL reporting up; a {@link NoSuchMonitorException} for an unknown token. */
    default void push(String token) {
        push(token, true, null, null);
    }

    /**
     * Records a call of a push monitor's secret URL as Uptime Kuma's push URL takes it: {@code up} false
     * ({@code status=down}) makes the monitor down at its next check, which comes at once; {@code message} (at most
     * 250 characters kept) is the cause or the up message; {@code pingMillis} its response time. A
     * {@link NoSuchMonitorException} for an unknown token.
     */
    void push(String token, boolean up, @Nullable String message, @Nullable Long pingMillis);

    MaintenanceWindow addMaintenance(MaintenanceWindow window);

    List<MaintenanceWindow> maintenance();

    /** Replaces a window's settings, keeping its id; checked as {@link #addMaintenance}. */
    MaintenanceWindow replaceMaintenance(String id, MaintenanceWindow window);

    void removeMaintenance(String id);

    /** Rollup resolutions. */
    enum Resolution {
        MINUTE("m", 60_000L), HOUR("h", 3_600_000L), DAY("d", 86_400_000L);

        private final String code;
        private final long millis;

        Resolution(String code, long millis) {
            this.code = code;
            this.millis = millis;
        }

        public String code() {
            return code;
        }

        public long millis() {
            return millis;
        }
    }
}
