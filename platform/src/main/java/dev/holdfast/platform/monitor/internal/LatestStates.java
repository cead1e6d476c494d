package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.monitor.LocalMonitorStates;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStatus;
import dev.holdfast.platform.monitor.MonitorSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@link LocalMonitorStates} the {@link Scheduler} keeps: updated when a check finishes, seeded from the status
 * rows when the scheduler first places a monitor, and holding paused monitors too (their state when paused). Which
 * monitors this node checks is {@link NodeLease}'s answer at the time of reading.
 */
@Component
class LatestStates implements LocalMonitorStates {

    private final NodeLease lease;
    private final Map<String, MonitorSummary> active = new ConcurrentHashMap<>();
    private final Map<String, MonitorSummary> paused = new ConcurrentHashMap<>();

    LatestStates(NodeLease lease) {
        this.lease = lease;
    }

    @Override
    public List<MonitorSummary> ofThisNode() {
        List<MonitorSummary> mine = new ArrayList<>(active.size() + paused.size());
        addOwned(active.values(), mine);
        addOwned(paused.values(), mine);
        return mine;
    }

    private void addOwned(Collection<MonitorSummary> summaries, List<MonitorSummary> into) {
        for (MonitorSummary summary : summaries) {
            if (lease.owns(summary.monitor().id().value())) {
                into.add(summary);
            }
        }
    }

    /** A check of this (active) monitor finished. */
    void checked(Monitor monitor, MonitorStatus status) {
        paused.remove(monitor.id().value());
        active.put(monitor.id().value(), new MonitorSummary(monitor, status));
    }

    /** The monitor was (re)placed on the schedule: its settings (name, type) as now, its state as last known. */
    void placed(Monitor monitor) {
        paused.remove(monitor.id().value());
        active.computeIfPresent(monitor.id().value(), (id, known) -> new MonitorSummary(monitor, known.status()));
    }

    /** Whether a state is known for the active monitor. */
    boolean knows(String monitorId) {
        return active.containsKey(monitorId);
    }

    /** The state as last written, for a monitor placed before any check of it finished here. */
    void seed(Monitor monitor, MonitorStatus written) {
        active.putIfAbsent(monitor.id().value(), new MonitorSummary(monitor, written));
    }

    /** The monitor was paused: kept with its state when paused. */
    void paused(Monitor monitor) {
        MonitorSummary known = active.remove(monitor.id().value());
        MonitorSummary before = known != null ? known : paused.get(monitor.id().value());
        paused.put(monitor.id().value(), new MonitorSummary(monitor,
                before != null ? before.status() : new MonitorStatus(MonitorState.PENDING, null, null, null, null)));
    }

    /** The paused monitors as the database lists them now. */
    void pausedAre(List<MonitorSummary> all) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        all.forEach(summary -> {
            ids.add(summary.monitor().id().value());
            paused.put(summary.monitor().id().value(), summary);
        });
        paused.keySet().retainAll(ids);
    }

    /** Keeps only these active monitors (the schedule's): a check that finished just after its monitor left is dropped. */
    void retainActive(Set<String> monitorIds) {
        active.keySet().retainAll(monitorIds);
    }

    /** The monitor was deleted. */
    void forget(String monitorId) {
        active.remove(monitorId);
        paused.remove(monitorId);
    }
}
