package monitor;

import common.Bench;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client side of bench/monitor: creates the monitors through the YAML import of the REST API, then measures a running Holdfast
 * for a while without adding to its work (CPU from /proc, heap from jstat's shared-memory counters, which need no
 * attach; the Prometheus endpoint is read only at the start and the end of the window).
 *
 * Usage:
 *   java MonitorBench.java create  <base-url> <cookie-header> <csrf> <count> <ok-url-prefix> <hung> <hung-hosts> <hung-url-pattern> <interval-s> <timeout-s>
 *   java MonitorBench.java measure <base-url> <pid> <warm-up-s> <window-s> <jstat>
 * Prints key=value lines.
 */
public class MonitorBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "create" -> create(args);
            case "measure" -> measure(args);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void create(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String cookie = args[2];
        String csrf = args[3];
        int count = Integer.parseInt(args[4]);
        String okPrefix = args[5];
        int hung = Integer.parseInt(args[6]);
        int hungHosts = Integer.parseInt(args[7]);
        String hungPattern = args[8];
        int interval = Integer.parseInt(args[9]);
        int timeout = Integer.parseInt(args[10]);
        int total = count + hung;
        int failed = 0;
        long start = System.nanoTime();
        // YAML import in files of 100 monitors (the API's body cap is 64 KiB): one transaction per file, short enough
        // not to hold SQLite's write lock for long; a file that fails (SQLite busy on a loaded machine) is sent again
        int chunk = 100;
        for (int from = 0; from < total; from += chunk) {
            StringBuilder yaml = new StringBuilder("version: 1\nmonitors:\n");
            for (int i = from; i < Math.min(total, from + chunk); i++) {
                String name;
                String url;
                if (i < count) {
                    name = "bench-%05d".formatted(i);
                    url = okPrefix + "%05d".formatted(i);
                } else {
                    int h = i - count;
                    name = "bench-hung-%03d".formatted(h);
                    url = hungPattern.replace("{host}", Integer.toString(2 + h % Math.max(1, hungHosts))) + h;
                }
                yaml.append("- {name: \"%s\", type: http, config: {url: \"%s\"}, interval: %d, timeout: %d}\n"
                        .formatted(name, url, interval, timeout));
            }
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/monitor/v1/import"))
                    .header("Cookie", cookie).header("X-CSRF-TOKEN", csrf).header("Content-Type", "application/yaml")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; attempt < 5 && response.statusCode() >= 500; attempt++) {
                System.err.println("import from " + from + ": " + response.statusCode() + ", again in 2 s");
                Thread.sleep(2000);
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                failed += Math.min(total, from + chunk) - from;
                System.err.println("import from " + from + ": " + response.statusCode() + " " + response.body().lines().findFirst().orElse(""));
            }
        }
        System.out.printf("monitors_created=%d%n", total - failed);
        System.out.printf("create_failed=%d%n", failed);
        System.out.printf("create_seconds=%.1f%n", (System.nanoTime() - start) / 1e9);
        if (failed > 0) {
            System.exit(1);
        }
    }

    static void measure(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        long pid = Long.parseLong(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        int window = Integer.parseInt(args[4]);
        String jstat = args[5];
        Thread.sleep(warmUp * 1000L);
        Map<String, Double> before = scrape(base);
        long cpuBefore = Bench.cpuMillis(pid);
        long t0 = System.nanoTime();
        List<Long> rss = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        long end = t0 + window * 1_000_000_000L;
        while (System.nanoTime() < end) {
            rss.add(Bench.statusKib(pid, "VmRSS:"));
            heap.add(heapMib(jstat, pid));
            Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        long cpuAfter = Bench.cpuMillis(pid);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> after = scrape(base);
        double cpuSeconds = (cpuAfter - cpuBefore) / 1000.0;
        int cores = Runtime.getRuntime().availableProcessors();
        double checks = delta(before, after, "holdfast_monitor_check_lateness_seconds_count", "");
        double results = delta(before, after, "holdfast_monitor_rows_written_total", "table=\"result\"");
        double statusRows = delta(before, after, "holdfast_monitor_rows_written_total", "table=\"status\"");
        double incidentRows = delta(before, after, "holdfast_monitor_rows_written_total", "table=\"incident\"");
        double rollupRows = delta(before, after, "holdfast_monitor_rows_written_total", "table=\"rollup\"");
        double transactions = delta(before, after, "holdfast_monitor_write_transactions_total", "");
        System.out.printf("window_s=%.0f%n", seconds);
        System.out.printf("checks=%.0f%n", checks);
        System.out.printf("checks_per_s=%.1f%n", checks / seconds);
        System.out.printf("cpu_s=%.1f%n", cpuSeconds);
        System.out.printf("cpu_pct_of_%d_cores=%.1f%n", cores, 100 * cpuSeconds / seconds / cores);
        System.out.printf("cpu_s_per_1000_checks=%.3f%n", checks == 0 ? Double.NaN : cpuSeconds / (checks / 1000));
        System.out.printf("lateness_p50_ms=%s%n", quantile(before, after, 0.50));
        System.out.printf("lateness_p99_ms=%s%n", quantile(before, after, 0.99));
        System.out.printf("lateness_p999_ms=%s%n", quantile(before, after, 0.999));
        System.out.printf("lateness_max_ms=%.0f%n", 1000 * after.entrySet().stream()
                .filter(e -> e.getKey().startsWith("holdfast_monitor_check_lateness_seconds_max{")).mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN));
        System.out.printf("heap_used_mib_avg=%.0f%n", heap.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        System.out.printf("heap_used_mib_max=%.0f%n", heap.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        System.out.printf("rss_mib_avg=%.0f%n", rss.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1024);
        System.out.printf("rss_mib_peak=%d%n", Bench.statusKib(pid, "VmHWM:") / 1024);
        System.out.printf("db_rows_per_s=%.1f%n", (results + statusRows + incidentRows + rollupRows) / seconds);
        System.out.printf("db_result_rows_per_s=%.1f%n", results / seconds);
        System.out.printf("db_status_rows_per_s=%.1f%n", statusRows / seconds);
        System.out.printf("db_rollup_rows_per_s=%.1f%n", rollupRows / seconds);
        System.out.printf("db_transactions_per_s=%.2f%n", transactions / seconds);
        System.out.printf("load_average=%s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** The quantile's upper bound from the lateness histogram's buckets counted in the window, in ms. */
    static String quantile(Map<String, Double> before, Map<String, Double> after, double q) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = "holdfast_monitor_check_lateness_seconds_bucket{";
        after.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String le = key.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, value - before.getOrDefault(key, 0.0), Double::sum);
            }
        });
        if (buckets.isEmpty()) {
            return "n/a";
        }
        double total = buckets.lastEntry().getValue();
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey().isInfinite() ? "inf" : "%.0f".formatted(bucket.getKey() * 1000);
            }
        }
        return "inf";
    }

    /** The growth of the series named {@code name} whose labels include {@code label} (labels come sorted, application first). */
    static double delta(Map<String, Double> before, Map<String, Double> after, String name, String label) {
        double sum = 0;
        for (var entry : after.entrySet()) {
            if (entry.getKey().startsWith(name + "{") && entry.getKey().contains(label)) {
                sum += entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            }
        }
        return sum;
    }

    /** The Prometheus text format, holdfast_monitor_* lines only, as series to value. */
    static Map<String, Double> scrape(URI base) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofLines());
        Map<String, Double> series = new TreeMap<>();
        response.body().filter(line -> line.startsWith("holdfast_monitor_") && !line.startsWith("holdfast_monitor_up")
                && !line.startsWith("holdfast_monitor_response") && !line.startsWith("holdfast_monitor_cert")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    /** Heap in use (survivors + eden + old), from jstat, which reads the JVM's perf-data file and does not attach. */
    static double heapMib(String jstat, long pid) throws Exception {
        Process process = new ProcessBuilder(jstat, "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        process.waitFor();
        if (lines.size() < 2) {
            return Double.NaN;
        }
        String[] names = lines.get(0).trim().split("\\s+");
        String[] values = lines.get(1).trim().split("\\s+");
        double kib = 0;
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                kib += Double.parseDouble(values[i]);
            }
        }
        return kib / 1024;
    }
}
