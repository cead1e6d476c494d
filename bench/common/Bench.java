package common;

import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark clients share: the server's CPU time and memory from /proc, a browser that fills in sign-in
 * forms, and a load loop that times each operation. A bench finds this file because it declares the package of its
 * folder ({@code package crm;} in bench/crm), so that the source launcher (JDK 22+, JEP 458) compiles from bench/:
 * {@code java bench/crm/CrmBench.java ...} needs no class path.
 */
public final class Bench {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private Bench() {}

    /** utime + stime of a process, in milliseconds (clock ticks are 10 ms on Linux). */
    public static long cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** A KiB line of /proc/PID/status ({@code VmRSS:} resident now, {@code VmHWM:} peak), or -1 when absent. */
    public static long statusKib(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The nearest-rank percentile of sorted nanoseconds, in milliseconds; 0 when there are none. */
    public static double percentileMs(long[] sortedNanos, double percent) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }

    /** One operation of a worker; true when it succeeded. */
    public interface Operation {
        boolean run(int index) throws Exception;
    }

    /** What {@link #load} measured: latencies sorted, failures, wall time and the server's CPU time. */
    public record Load(long[] sortedNanos, int failures, double seconds, long serverCpuMillis) {

        public double percentileMs(double percent) {
            return Bench.percentileMs(sortedNanos, percent);
        }

        /**
         * Prints the summary as {@code key=value} lines: the operations, {@code failed}, {@code seconds}, the rate,
         * the server's CPU ms per operation, operations per core-second, {@code latency_p50_ms} and
         * {@code latency_p99_ms}. Each bench names its own keys (scripts and READMEs read them).
         */
        public void print(Keys keys) {
            int total = sortedNanos.length;
            System.out.printf("%s=%d%n", keys.operations(), total);
            System.out.printf("failed=%d%n", failures);
            System.out.printf("seconds=%.2f%n", seconds);
            System.out.printf("%s=%.1f%n", keys.perSecond(), total / seconds);
            System.out.printf("%s=%.2f%n", keys.cpuMsPerOperation(), (double) serverCpuMillis / total);
            System.out.printf("%s=%.1f%n", keys.perCoreSecond(), total / (serverCpuMillis / 1000.0));
            System.out.printf("latency_p50_ms=%.1f%n", percentileMs(50));
            System.out.printf("latency_p99_ms=%.1f%n", percentileMs(99));
        }
    }

    /** The names a bench gives the counting lines of {@link Load#print}, e.g. {@code sign_ins}, {@code sign_ins_per_second}. */
    public record Keys(String operations, String perSecond, String cpuMsPerOperation, String perCoreSecond) {}

    /**
     * Runs {@code total} operations on {@code concurrency} platform threads, each with the operation {@code worker}
     * makes for it (its own connection, say), and times each; reads the CPU time of the server {@code pid} before
     * and after, so it excludes this client. The first three failures are printed to stderr.
     */
    public static Load load(long pid, int total, int concurrency, IntFunction<Operation> worker) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long cpuBefore = cpuMillis(pid);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Operation operation = worker.apply(w);
            threads.add(Thread.ofPlatform().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long t0 = System.nanoTime();
                    try {
                        if (!operation.run(i)) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.err.println("operation " + i + " failed: " + e);
                        }
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuMillis(pid) - cpuBefore;
        Arrays.sort(latencies);
        return new Load(latencies, failures.get(), seconds, cpu);
    }

    /** A fresh browser: its own cookie jar and keep-alive HTTP/1.1 connection; follows no redirect by itself. */
    public static HttpClient browser() {
        return browser(new CookieManager());
    }

    public static HttpClient browser(CookieHandler cookies) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * From {@code start}, follows redirects and fills in every form on the way (its hidden fields as given, the
     * username and password fields with these) until a redirect leads where {@code done} accepts: returns that
     * address, or null when the flow ends anywhere else (a redirect with "error", a page without a form, ten steps).
     */
    public static URI signIn(HttpClient browser, URI start, String username, String password, Predicate<URI> done)
            throws Exception {
        URI at = start;
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
        for (int step = 0; step < 10; step++) {
            if (response.statusCode() == 302 || response.statusCode() == 303) {
                String location = response.headers().firstValue("Location").orElse("");
                at = at.resolve(location);
                if (done.test(at)) {
                    return at;
                }
                if (location.contains("error")) {
                    return null;
                }
                response = browser.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
                continue;
            }
            Matcher form = FORM.matcher(response.body());
            if (response.statusCode() != 200 || !form.find()) {
                return null;
            }
            String action = unescape(form.group(1));
            at = at.resolve(action.isEmpty() ? at.getPath() : action);
            response = browser.send(HttpRequest.newBuilder(at).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(filledIn(form.group(2), username, password))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return null;
    }

    /** Whether an address is the home page, where Holdfast's own sign-in ends. */
    public static boolean isHome(URI at) {
        return at.getPath() == null || at.getPath().isEmpty() || at.getPath().equals("/");
    }

    /** A form's inputs as a URL-encoded body, the username and password fields filled in. */
    private static String filledIn(String form, String username, String password) {
        StringBuilder body = new StringBuilder();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            String name = null;
            String value = "";
            Matcher attr = ATTR.matcher(input.group(1));
            while (attr.find()) {
                if (attr.group(1).equals("name")) {
                    name = attr.group(2);
                } else if (attr.group(1).equals("value")) {
                    value = unescape(attr.group(2));
                }
            }
            if (name == null) {
                continue;
            }
            value = switch (name) {
                case "username" -> username;
                case "password" -> password;
                default -> value;
            };
            body.append(body.isEmpty() ? "" : "&").append(enc(name)).append('=').append(enc(value));
        }
        return body.toString();
    }

    /** The HTML character references Holdfast's and Keycloak's templates write into attribute values. */
    public static String unescape(String html) {
        return html.replace("&#43;", "+").replace("&#61;", "=").replace("&#47;", "/").replace("&#x2F;", "/")
                .replace("&#x3D;", "=").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
