package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStatus;
import dev.holdfast.platform.monitor.check.Causes;
import dev.holdfast.platform.monitor.check.Check;
import dev.holdfast.platform.monitor.check.CheckRequest;
import dev.holdfast.platform.monitor.check.CheckResult;
import dev.holdfast.platform.monitor.check.Checks;
import dev.holdfast.platform.shared.database.DatabaseReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs every active monitor's checks. One timer thread keeps each monitor's next due time (first due at a hash of
 * its id within its interval, so checks spread out); when a check is due it starts on a virtual thread of its own,
 * waits for a permit of its host (at most {@code HOLDFAST_MONITOR_PER_HOST_CONCURRENCY} checks per host at once),
 * and is abandoned at its timeout, so a hanging target holds up nobody else. The verdict goes through the monitor's
 * {@link Tracker} and on to the {@link ResultWriter}, and the latest state of each monitor into {@link LatestStates}.
 * A node checks only the monitors its {@link NodeLease} wins.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final JooqMonitors store;
    private final Checks checks;
    private final ResultWriter writer;
    private final NodeLease lease;
    private final LatestStates latest;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Timer lateness;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private volatile List<MaintenanceWindow> windows = List.of();
    /** The paused monitors' versions at the last sync; their states are read again when these change. */
    private Map<String, Long> pausedSeen = Map.of();
    private volatile @Nullable ScheduledExecutorService timer;
    private volatile @Nullable ExecutorService workers;
    private volatile boolean running;

    /** One monitor as scheduled on this node. */
    private static final class Entry {
        volatile Monitor monitor;
        volatile @Nullable Tracker tracker;
        volatile @Nullable ScheduledFuture<?> next;
        volatile boolean checking;
        volatile boolean owned;
        /** Bumped on every (re)placement; a run of an older generation is stale and ends quietly. */
        volatile long generation;
        /** When the next run of this generation is due, epoch ms: runs are fixed-rate, not fixed-delay. */
        volatile long due;
        /** The run due is an early one (just created or changed); the run after it goes back to the monitor's phase. */
        volatile boolean early;

        Entry(Monitor monitor) {
            this.monitor = monitor;
        }
    }

    Scheduler(JooqMonitors store, Checks checks, ResultWriter writer, NodeLease lease, LatestStates latest,
            MonitorSettings settings, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.checks = checks;
        this.writer = writer;
        this.lease = lease;
        this.latest = latest;
        this.settings = settings;
        this.clock = clock;
        this.lateness = Timer.builder("holdfast.monitor.check.lateness")
                .description("How long after its due time a check started (its host's permit taken)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
    }

    @EventListener
    void on(DatabaseReady ready) {
        if (!settings.enabled()) {
            log.info("Monitoring checks are off on this node (HOLDFAST_MONITOR_ENABLED=false)");
            return;
        }
        synchronized (this) {
            if (timer != null) {
                return;
            }
            running = true;
            writer.start();
            ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("monitor-dispatcher").factory());
            workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("monitor-check-", 0).factory());
            timer = started;
            long leaseEvery = Math.max(1000, settings.leaseDuration().toMillis() / 3);
            started.scheduleWithFixedDelay(() -> guarded("renew the node lease", lease::renew), 0, leaseEvery, TimeUnit.MILLISECONDS);
            started.scheduleWithFixedDelay(() -> guarded("read the monitors", this::sync), 0, settings.syncInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reloads an edited monitor on a worker; a paused or deleted one on the editing thread (one read after its
     * commit), so that nothing shows it as checked once the edit has returned.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MonitorEdited edited) {
        ExecutorService pool = workers;
        if (pool == null) {
            return;
        }
        if (edited.stopped()) {
            guarded("stop a monitor", () -> reload(edited));
        } else {
            pool.execute(() -> guarded("reload a monitor", () -> reload(edited)));
        }
    }

    private void reload(MonitorEdited edited) {
        // every reload reads the windows: events are handled in parallel, so a monitor created in the same transaction
        // as its maintenance window could otherwise be checked before the window's own reload ran (seen as one DOWN)
        windows = store.maintenance();
        if (edited.monitorId().isEmpty()) {
            return;
        }
        Optional<Monitor> monitor = store.find(new Monitor.MonitorId(edited.monitorId()));
        if (monitor.isEmpty()) {
            remove(edited.monitorId());
            latest.forget(edited.monitorId());
        } else if (!monitor.get().active()) {
            remove(edited.monitorId());
            latest.paused(monitor.get());
        } else {
            place(monitor.get(), edited.checkSoon());
        }
    }

    /** Brings the schedule in line with the database: new, changed, paused and deleted monitors. */
    void sync() {
        windows = store.maintenance();
        Map<String, Long> versions = store.activeVersions();
        versions.forEach((id, updatedAt) -> {
            Entry entry = entries.get(id);
            if (entry == null || updatedAt > entry.monitor.updatedAt().toEpochMilli()) {
                store.find(new Monitor.MonitorId(id)).filter(Monitor::active).ifPresent(monitor -> place(monitor, false));
            }
        });
        entries.keySet().stream().filter(id -> !versions.containsKey(id)).toList().forEach(this::remove);
        latest.retainActive(entries.keySet());
        seedLatest();
        Map<String, Long> paused = store.pausedVersions();
        if (!paused.equals(pausedSeen)) {
            latest.pausedAre(store.paused());
            pausedSeen = paused;
        }
    }

    /** Monitors placed but not yet checked here show their state as last written, read 500 at a time. */
    private void seedLatest() {
        List<String> unknown = entries.keySet().stream().filter(id -> !latest.knows(id)).toList();
        for (int from = 0; from < unknown.size(); from += 500) {
            store.statuses(unknown.subList(from, Math.min(unknown.size(), from + 500))).forEach((id, status) -> {
                Entry entry = entries.get(id);
                if (entry != null) {
                    latest.seed(entry.monitor, status);
                }
            });
        }
    }

    private synchronized void place(Monitor monitor, boolean soon) {
        ScheduledExecutorService clockwork = timer;
        if (clockwork == null || !running) {
            return;
        }
        Entry entry = entries.computeIfAbsent(monitor.id().value(), id -> new Entry(monitor));
        entry.monitor = monitor;
        latest.placed(monitor);
        ScheduledFuture<?> pending = entry.next;
        if (pending != null) {
            pending.cancel(false);
        }
        long interval = monitor.interval().toMillis();
        long now = clock.millis();
        long delay = soon ? Math.min(spread(monitor.id().value(), interval), 200) : phase(monitor, now) - now;
        entry.generation++;
        entry.due = now + delay;
        entry.early = soon;
        schedule(entry, entry.generation, delay);
    }

    private synchronized void remove(String id) {
        Entry entry = entries.remove(id);
        if (entry != null && entry.next != null) {
            entry.next.cancel(false);
        }
    }

    /**
     * The monitor's next due time in its own phase: the first instant after {@code after} whose offset in the interval
     * (counted from the epoch) is the monitor's {@link #spread}. Every node and every restart agrees on it, and
     * monitors created together (an import) still spread over the interval instead of running in step.
     */
    static long phase(Monitor monitor, long after) {
        long interval = Math.max(1, monitor.interval().toMillis());
        long due = after - Math.floorMod(after, interval) + spread(monitor.id().value(), interval);
        return due <= after ? due + interval : due;
    }

    /** Where in its interval a monitor's checks fall: the same for the same id, spread evenly over many ids. */
    static long spread(String id, long intervalMillis) {
        long hash = id.hashCode() * 0x9E3779B97F4A7C15L;
        return Math.floorMod(hash ^ (hash >>> 32), Math.max(1, intervalMillis));
    }

    private void schedule(Entry entry, long generation, long delayMillis) {
        ScheduledExecutorService clockwork = timer;
        ExecutorService pool = workers;
        if (clockwork == null || pool == null || !running) {
            return;
        }
        try {
            entry.next = clockwork.schedule(() -> pool.execute(() -> run(entry, generation)), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void run(Entry entry, long generation) {
        if (entries.get(entry.monitor.id().value()) != entry || entry.generation != generation) {
            return;
        }
        if (entry.checking) {
            schedule(entry, generation, 100);
            return;
        }
        entry.checking = true;
        Monitor monitor = entry.monitor;
        long next = monitor.interval().toMillis();
        try {
            if (!lease.owns(monitor.id().value())) {
                entry.owned = false;
                return;
            }
            Tracker tracker = entry.tracker;
            if (!entry.owned || tracker == null) {
                tracker = store.tracker(monitor.id().value());
                entry.tracker = tracker;
                entry.owned = true;
            }
            Instant now = clock.instant();
            boolean maintenance = inMaintenance(monitor, now);
            CheckResult result = maintenance ? CheckResult.up(0, "maintenance") : execute(monitor, now, entry.due);
            boolean up = result.up() != monitor.upsideDown();
            String message = monitor.upsideDown() ? (up ? "upside down: " : "upside down, but ") + result.message() : result.message();
            Tracker.Step step = tracker.apply(up, message, now, maintenance, monitor.retries(), monitor.resendInterval(),
                    monitor.id().value(), monitor.name(), monitor.target());
            writer.add(new Outcome(monitor.id().value(), now, step.state(), result.responseMillis(), message, step.state(),
                    tracker.since, tracker.failures, tracker.downSince, tracker.lastNotified, tracker.incidentId,
                    step.openedIncident(), step.closedIncident(), step.event()));
            if (entries.get(monitor.id().value()) == entry) {
                latest.checked(monitor, new MonitorStatus(step.state(), tracker.since, now, result.responseMillis(), message));
            }
            if (step.state() == MonitorState.PENDING && tracker.failures > 0) {
                next = monitor.retryInterval().toMillis();
            }
        } catch (RuntimeException e) {
            log.warn("Monitor {} could not be checked: {}", monitor.id(), Causes.of(e));
        } finally {
            entry.checking = false;
            if (entries.get(monitor.id().value()) == entry && entry.generation == generation) {
                long now = clock.millis();
                long due = entry.due + next;
                if (entry.early && next == monitor.interval().toMillis()) {
                    // after the first check of a new or changed monitor: back to its phase, at least half an interval on
                    due = phase(monitor, now + next / 2);
                    entry.early = false;
                }
                if (due < now) {
                    // late (a slow check or a busy machine): run now and keep the rhythm from here, never bunch up
                    due = now;
                }
                entry.due = due;
                schedule(entry, generation, due - now);
            }
        }
    }

    private boolean inMaintenance(Monitor monitor, Instant now) {
        for (MaintenanceWindow window : windows) {
            if (window.appliesTo(monitor.id(), monitor.parent()) && window.covers(now)) {
                return true;
            }
        }
        return false;
    }

    /** Runs the check on a virtual thread of its own and gives up on it at the timeout. */
    private CheckResult execute(Monitor monitor, Instant now, long due) {
        Optional<Check> found = checks.find(monitor.type());
        if (found.isEmpty()) {
            return CheckResult.down(0, "unknown monitor type " + monitor.type());
        }
        Check check = found.get();
        ExecutorService pool = workers;
        if (pool == null) {
            return CheckResult.down(0, "monitoring is stopping");
        }
        Duration timeout = monitor.timeout();
        String host = check.host(monitor.config());
        Semaphore permits = host == null ? null : hosts.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT),
                key -> new Semaphore(settings.perHostConcurrency()));
        long start = System.nanoTime();
        try {
            if (permits != null && !permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return CheckResult.down(timeout.toMillis(), "timeout after " + seconds(timeout) + " (waiting behind other checks of " + host + ")");
            }
            lateness.record(Math.max(0, clock.millis() - due), TimeUnit.MILLISECONDS);
            try {
                Duration left = timeout.minusNanos(System.nanoTime() - start);
                CheckRequest request = new CheckRequest(monitor.id().value(), monitor.config(), left.isNegative() ? Duration.ofMillis(1) : left,
                        monitor.interval(), now, monitor.type().equals("push") ? store.lastPush(monitor) : null,
                        monitor.type().equals("group") ? store.children(monitor.id().value()) : Map.of());
                Future<CheckResult> future = pool.submit(() -> check.check(request));
                try {
                    return future.get(Math.max(1, left.toMillis()) + 250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    return CheckResult.down(millis(start), "timeout after " + seconds(timeout));
                } catch (ExecutionException e) {
                    String cause = Causes.of(e.getCause());
                    return CheckResult.down(millis(start), cause.equals("timeout") ? "timeout after " + seconds(timeout) : cause);
                }
            } finally {
                if (permits != null) {
                    permits.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(millis(start), "monitoring is stopping");
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.debug("Monitoring could not {}: {}", what, e.getMessage());
        }
    }

    int scheduled() {
        return entries.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService clockwork = timer;
        ExecutorService pool = workers;
        timer = null;
        if (clockwork != null) {
            clockwork.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            writer.awaitIdle(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.stop();
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.debug("Could not release the node lease: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the database pool
        return Integer.MAX_VALUE - 2048;
    }
}
