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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password sign-ins against a running Holdfast, each as a new browser would do it (fresh cookie jar: GET the
 * sign-in page for the CSRF token, then fill in each sign-in step, username and then password, until the home
 * page), several at once.
 * Sessions are kept (no sign-out), so after the run the server holds one active session per sign-in.
 * Reads the server's CPU time from /proc before and after, so CPU per sign-in excludes this client.
 *
 * Usage: java LoginBench.java <base-url> <username> <password> <sign-ins> <concurrency> <server-pid>
 * Prints: key=value lines.
 */
public class LoginBench {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String username = args[1];
        String password = args[2];
        int total = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        long pid = Long.parseLong(args[5]);

        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[total];
        long cpuBefore = cpuMillis(pid);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        long t0 = System.nanoTime();
                        try {
                            if (!signIn(base, username, password)) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            if (failed.get() < 3) {
                                e.printStackTrace();
                            }
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuMillis(pid) - cpuBefore;
        java.util.Arrays.sort(latencies);
        System.out.printf("sign_ins=%d%n", total);
        System.out.printf("failed=%d%n", failed.get());
        System.out.printf("seconds=%.2f%n", seconds);
        System.out.printf("sign_ins_per_second=%.1f%n", total / seconds);
        System.out.printf("server_cpu_ms_per_sign_in=%.1f%n", (double) cpu / total);
        System.out.printf("sign_ins_per_core_second=%.1f%n", total / (cpu / 1000.0));
        System.out.printf("latency_p50_ms=%.0f%n", latencies[total / 2] / 1e6);
        System.out.printf("latency_p99_ms=%.0f%n", latencies[Math.min(total - 1, (int) (total * 0.99))] / 1e6);
    }

    /**
     * One sign-in in a fresh cookie jar, through however many sign-in steps the pages ask for (username, then
     * password); true when it ends signed in on the home page.
     */
    static boolean signIn(URI base, String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        URI at = base.resolve("/login");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
        for (int step = 0; step < 6; step++) {
            if (response.statusCode() == 302) {
                String location = response.headers().firstValue("Location").orElse("");
                if (location.contains("error")) {
                    return false;
                }
                at = at.resolve(location);
                if (at.getPath().equals("/") || at.getPath().isEmpty()) {
                    return true;
                }
                response = http.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
                continue;
            }
            Matcher form = FORM.matcher(response.body());
            if (response.statusCode() != 200 || !form.find()) {
                return false;
            }
            StringBuilder body = new StringBuilder();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                String name = null;
                String value = "";
                Matcher attr = ATTR.matcher(input.group(1));
                while (attr.find()) {
                    if (attr.group(1).equals("name")) {
                        name = attr.group(2);
                    } else if (attr.group(1).equals("value")) {
                        value = attr.group(2).replace("&#43;", "+").replace("&#61;", "=").replace("&#47;", "/").replace("&amp;", "&");
                    }
                }
                if (name == null) {
                    continue;
                }
                if (name.equals("username")) {
                    value = username;
                } else if (name.equals("password")) {
                    value = password;
                }
                body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            at = at.resolve(form.group(1).isEmpty() ? at.getPath() : form.group(1));
            response = http.send(HttpRequest.newBuilder(at)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
        return false;
    }

    /** utime + stime of a process, in milliseconds (clock ticks are 10 ms on Linux). */
    static long cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
