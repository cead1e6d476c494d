package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.LocalMonitorStates;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorSummary;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Each monitor's state for {@code /actuator/prometheus}: {@code holdfast_monitor_up} (see {@link #value}),
 * {@code holdfast_monitor_response_seconds} (last check) and {@code holdfast_monitor_cert_days_left} (NaN where the
 * last check read no certificate), labelled {@code id}, {@code monitor} and {@code type} plus the common
 * {@code management.metrics.tags}.
 *
 * <p>A collector on the Prometheus registry reads the states when it is scraped, rather than a Micrometer gauge
 * per monitor: three gauges for each of 10,000 monitors held some 30 MiB of meter ids, tags and name caches for the
 * life of the process, and pushed a 128 MiB heap into back-to-back full collections. It reads them from
 * {@link LocalMonitorStates}, the scheduler's memory, not from the database (which cost 20 queries of 500 monitors a
 * scrape at 10,000): so each node reports the monitors it checks, and a node that runs no checks
 * ({@code HOLDFAST_MONITOR_ENABLED=false}) reports none; scrape every checking node.
 */
@Component
class MonitorMetrics implements SmartLifecycle {

    private static final Pattern CERT_DATE = Pattern.compile("(?:valid until|expires on|expired on) (\\d{4}-\\d{2}-\\d{2})");

    private final LocalMonitorStates states;
    private final ObjectProvider<PrometheusRegistry> registries;
    private final Clock clock;
    private final Labels common;
    private final MultiCollector collector = this::collect;
    private @Nullable PrometheusRegistry registered;

    MonitorMetrics(LocalMonitorStates states, ObjectProvider<PrometheusRegistry> registries, Clock clock, Environment environment) {
        this.states = states;
        this.registries = registries;
        this.clock = clock;
        Map<String, String> tags = Binder.get(environment)
                .bind("management.metrics.tags", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        this.common = Labels.of(new ArrayList<>(tags.keySet()), new ArrayList<>(tags.values()));
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

    /** From memory, without I/O; nothing is kept between scrapes. */
    MetricSnapshots collect() {
        var up = GaugeSnapshot.builder().name("holdfast_monitor_up")
                .help("1 when the monitor is up, 0 when down or pending, NaN in maintenance or paused");
        var response = GaugeSnapshot.builder().name("holdfast_monitor_response_seconds").help("The last check's response time");
        var certificate = GaugeSnapshot.builder().name("holdfast_monitor_cert_days_left")
                .help("Days until the TLS certificate seen by the last check expires (NaN when none)");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (MonitorSummary summary : states.ofThisNode()) {
            var monitor = summary.monitor();
            var status = summary.status();
            Labels labels = common.merge(Labels.of("id", monitor.id().value(), "monitor", monitor.name(), "type", monitor.type()));
            up.dataPoint(point(labels, value(status.state(), monitor.active())));
            response.dataPoint(point(labels, status.responseMillis() == null ? Double.NaN : status.responseMillis() / 1000.0));
            certificate.dataPoint(point(labels, certDays(status.message(), today)));
        }
        return MetricSnapshots.of(up.build(), response.build(), certificate.build());
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static double certDays(@Nullable String message, LocalDate today) {
        if (message == null) {
            return Double.NaN;
        }
        Matcher matcher = CERT_DATE.matcher(message);
        if (!matcher.find()) {
            return Double.NaN;
        }
        return ChronoUnit.DAYS.between(today, LocalDate.parse(matcher.group(1)));
    }

    @Override
    public synchronized void start() {
        registered = registries.getIfAvailable();
        if (registered != null) {
            registered.register(collector);
        }
    }

    @Override
    public synchronized void stop() {
        if (registered != null) {
            registered.unregister(collector);
            registered = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return registered != null;
    }

    @Override
    public int getPhase() {
        // after the database is migrated (default phase beans), before the web server stops
        return Integer.MAX_VALUE - 2000;
    }
}
