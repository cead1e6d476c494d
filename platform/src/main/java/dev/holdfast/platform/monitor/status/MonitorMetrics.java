package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.Monitors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Micrometer gauges per monitor, for {@code /actuator/prometheus}: {@code holdfast_monitor_up} (1 up, 0 down,
 * 0.5 pending, 2 maintenance... see {@link #value}), {@code holdfast_monitor_response_seconds} (last check) and,
 * where the last check read a certificate, {@code holdfast_monitor_cert_days_left}. A snapshot of every monitor is
 * read every 15 s (and after each state change); gauges are added and removed as monitors come and go.
 */
@Component
class MonitorMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitorMetrics.class);
    private static final Pattern CERT_DATE = Pattern.compile("(?:valid until|expires on|expired on) (\\d{4}-\\d{2}-\\d{2})");

    private final Monitors monitors;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    private @Nullable ScheduledExecutorService timer;

    record Snapshot(String name, String type, double up, double responseSeconds, double certDaysLeft) {}

    MonitorMetrics(Monitors monitors, MeterRegistry registry, Clock clock) {
        this.monitors = monitors;
        this.registry = registry;
        this.clock = clock;
    }

    /** 1 when UP, 0 when DOWN or PENDING (not answering as expected), and NaN in MAINTENANCE or while paused. */
    static double value(MonitorState state, boolean active) {
        if (!active) {
            return Double.NaN;
        }
        return switch (state) {
            case UP -> 1;
            case DOWN, PENDING -> 0;
            case MAINTENANCE -> Double.NaN;
        };
    }

    /** Reads every monitor's status and brings the gauges in line. */
    synchronized void refresh() {
        Map<String, Snapshot> fresh = new HashMap<>();
        int offset = 0;
        while (true) {
            List<MonitorSummary> page = monitors.list(null, offset, 500);
            for (MonitorSummary summary : page) {
                var monitor = summary.monitor();
                var status = summary.status();
                double response = status.responseMillis() == null ? Double.NaN : status.responseMillis() / 1000.0;
                fresh.put(monitor.id().value(), new Snapshot(monitor.name(), monitor.type(), value(status.state(), monitor.active()),
                        response, certDays(status.message())));
            }
            if (page.size() < 500) {
                break;
            }
            offset += page.size();
        }
        for (var gone : new ArrayList<>(meters.keySet())) {
            Snapshot now = fresh.get(gone);
            Snapshot before = snapshots.get(gone);
            if (now == null || before == null || !now.name().equals(before.name()) || !now.type().equals(before.type())) {
                meters.remove(gone).forEach(registry::remove);
                snapshots.remove(gone);
            }
        }
        snapshots.putAll(fresh);
        fresh.forEach((id, snapshot) -> meters.computeIfAbsent(id, key -> register(key, snapshot)));
    }

    private List<Meter> register(String id, Snapshot snapshot) {
        String[] tags = {"monitor", snapshot.name(), "type", snapshot.type(), "id", id};
        return List.of(
                Gauge.builder("holdfast.monitor.up", snapshots, s -> field(s, id, Snapshot::up)).tags(tags)
                        .description("1 when the monitor is up, 0 when down or pending, NaN in maintenance or paused").register(registry),
                Gauge.builder("holdfast.monitor.response", snapshots, s -> field(s, id, Snapshot::responseSeconds)).tags(tags)
                        .baseUnit("seconds").description("The last check's response time").register(registry),
                Gauge.builder("holdfast.monitor.cert.days.left", snapshots, s -> field(s, id, Snapshot::certDaysLeft)).tags(tags)
                        .description("Days until the TLS certificate seen by the last check expires (NaN when none)").register(registry));
    }

    private static double field(Map<String, Snapshot> snapshots, String id, java.util.function.ToDoubleFunction<Snapshot> read) {
        Snapshot snapshot = snapshots.get(id);
        return snapshot == null ? Double.NaN : read.applyAsDouble(snapshot);
    }

    private double certDays(@Nullable String message) {
        if (message == null) {
            return Double.NaN;
        }
        Matcher matcher = CERT_DATE.matcher(message);
        if (!matcher.find()) {
            return Double.NaN;
        }
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), LocalDate.parse(matcher.group(1)));
    }

    @EventListener
    void on(MonitorStateChanged changed) {
        ScheduledExecutorService running = timer;
        // many changes at once (an outage of many targets) make one refresh, not one each
        if (running != null && queued.compareAndSet(false, true)) {
            running.schedule(() -> {
                queued.set(false);
                safeRefresh();
            }, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void safeRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not read the monitors for their metrics: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("monitor-metrics").factory());
        timer.scheduleWithFixedDelay(this::safeRefresh, 2, 15, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // after the database is migrated (default phase beans), before the web server stops
        return Integer.MAX_VALUE - 2000;
    }
}
