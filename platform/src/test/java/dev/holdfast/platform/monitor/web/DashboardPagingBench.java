package dev.holdfast.platform.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Benchmark, not a test (surefire's default includes skip {@code *Bench}; {@code bench/monitor/ui.sh} runs it):
 * the dashboard's first page with 5,000 monitors, on SQLite and PostgreSQL. Seeds the tables directly (5,000
 * monitors with a status, a third tagged, 24 h of raw results at a 30 s interval for the 60 monitors first by name,
 * so every row of the first page has a full day), then times page loads in this JVM (which is the server) by wall
 * clock and by the process's CPU time from /proc/self/stat. No assertion on time: numbers go to
 * {@code target/dashboard-bench.txt}.
 */
class DashboardPagingBench {

    private static final int MONITORS = Integer.getInteger("bench.monitors", 5000);
    private static final int FULL_DAYS = 60;
    private static final int RUNS = Integer.getInteger("bench.runs", 20);
    private static final long TICKS_PER_SECOND = 100;

    @DatabaseTest
    void firstPageOfFiveThousandMonitors(TestDatabase db) throws IOException {
        TestNode node = db.startNode(Map.of("holdfast.monitor.enabled", "false", "holdfast.monitor.self-monitoring", "false"));
        WebSession admin = node.session().setUp("admin", "correct horse battery staple");
        long seeding = System.nanoTime();
        // through the node's own pool: a second SQLite connection would find the file locked by the node's writers
        List<String> ids = seed(node.bean(DSLContext.class));
        double seeded = (System.nanoTime() - seeding) / 1e9;
        Monitors monitors = node.bean(Monitors.class);
        assertThat(monitors.count(null)).isEqualTo(MONITORS);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d monitors, %d raw results (seeded in %.1f s), load average %s%n", db.kind(), MONITORS,
                (long) FULL_DAYS * 2880, seeded, loadAverage()));
        out.append(measure("GET /monitor (first page)", () -> admin.get("/monitor").body()));
        out.append(measure("GET /monitor?page=60 (a middle page)", () -> admin.get("/monitor?page=60").body()));
        out.append(measure("GET /monitor?q=shop 12 (search)", () -> admin.get("/monitor?q=shop+12").body()));
        out.append(measure("GET /monitor?tag=env:prod (tag filter)", () -> admin.get("/monitor?tag=env:prod").body()));
        List<MonitorId> page = ids.subList(0, MonitorPages.PAGE_SIZE).stream().map(MonitorId::new).toList();
        out.append(measure("24 h bars of a page, one read (now)", () -> monitors.lastDay(page, MonitorPages.SLOTS)));
        out.append(measure("24 h bars of a page, a read per row (before)", () -> page.stream().map(id -> monitors.lastDay(id, MonitorPages.SLOTS)).toList()));
        System.out.print(out);
        Path report = Path.of("target", "dashboard-bench.txt");
        Files.writeString(report, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String measure(String what, Supplier<Object> action) {
        for (int i = 0; i < 3; i++) {
            action.get();
        }
        long[] wall = new long[RUNS];
        long cpuBefore = cpuTicks();
        long started = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.get();
            wall[i] = System.nanoTime() - start;
        }
        double total = (System.nanoTime() - started) / 1e6;
        double cpuMillis = (cpuTicks() - cpuBefore) * 1000.0 / TICKS_PER_SECOND / RUNS;
        Arrays.sort(wall);
        return String.format(Locale.ROOT, "  %-48s median %7.1f ms  p90 %7.1f ms  max %7.1f ms  CPU %6.1f ms/op  (%d runs, %.0f ms)%n", what,
                wall[RUNS / 2] / 1e6, wall[(int) (RUNS * 0.9)] / 1e6, wall[RUNS - 1] / 1e6, cpuMillis, RUNS, total);
    }

    /** utime + stime of this process, in clock ticks. */
    private static long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The monitors in name order (ids); raw results for the first {@link #FULL_DAYS}. */
    private static List<String> seed(DSLContext db) {
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        String tagProd = UUID.randomUUID().toString();
        db.execute("INSERT INTO monitor_tag (id, name, name_key, color, created_at) VALUES (?, 'env', 'env', '#2563eb', ?)", tagProd, now);
        for (int from = 0; from < MONITORS; from += 500) {
            List<String> rows = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            List<String> status = new ArrayList<>();
            List<Object> statusValues = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            List<Object> tagValues = new ArrayList<>();
            for (int i = from; i < Math.min(MONITORS, from + 500); i++) {
                String name = String.format(Locale.ROOT, "Shop %04d", i);
                rows.add("(?, ?, ?, 'http', ?, ?, 30000, 24000, 0, 30000, 0, false, true, ?, ?)");
                values.addAll(List.of(ids.get(i), name, name.toLowerCase(Locale.ROOT), "https://shop" + i + ".example/health",
                        "{\"url\":\"https://shop" + i + ".example/health\"}", now, now));
                status.add("(?, ?, ?, 0, ?, ?, ?)");
                statusValues.addAll(List.of(ids.get(i), i % 17 == 0 ? "DOWN" : "UP", now - 3_600_000, now - 10_000, 40 + i % 50,
                        i % 17 == 0 ? "HTTP 500 (accepted: 200-299)" : "HTTP 200"));
                if (i % 3 == 0) {
                    tags.add("(?, ?, ?)");
                    tagValues.addAll(List.of(ids.get(i), tagProd, i % 2 == 0 ? "prod" : "test"));
                }
            }
            db.execute("INSERT INTO monitor_monitor (id, name, name_key, type, target, config, interval_ms, timeout_ms, retries,"
                    + " retry_interval_ms, resend_interval_ms, upside_down, active, created_at, updated_at) VALUES " + String.join(", ", rows),
                    values.toArray());
            db.execute("INSERT INTO monitor_status (monitor_id, state, since, failures, last_check_at, last_response_ms, last_message) VALUES "
                    + String.join(", ", status), statusValues.toArray());
            if (!tags.isEmpty()) {
                db.execute("INSERT INTO monitor_monitor_tag (monitor_id, tag_id, value) VALUES " + String.join(", ", tags), tagValues.toArray());
            }
        }
        for (int i = 0; i < FULL_DAYS; i++) {
            for (int batch = 0; batch < 2880; batch += 480) {
                List<String> rows = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                for (int k = batch; k < batch + 480; k++) {
                    rows.add("(?, ?, ?, ?, 'HTTP 200')");
                    values.addAll(List.of(ids.get(i), now - k * 30_000L, k % 97 == 0 ? "DOWN" : "UP", 30 + k % 40));
                }
                db.execute("INSERT INTO monitor_result (monitor_id, checked_at, status, response_ms, message) VALUES " + String.join(", ", rows),
                        values.toArray());
            }
        }
        return ids;
    }
}
