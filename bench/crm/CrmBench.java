package crm;

import common.Bench;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of bench/crm that need a client with some logic (run.sh does the rest with curl, SQL and wrk).
 *
 * <pre>
 * java CrmBench.java setup  &lt;base&gt; &lt;admin&gt; &lt;password&gt;      prints an API token of a service account with a CRM role
 * java CrmBench.java create &lt;base&gt; &lt;token&gt; &lt;count&gt; &lt;concurrency&gt; &lt;server-pid&gt;
 * java CrmBench.java fanout &lt;base&gt; &lt;admin&gt; &lt;password&gt; &lt;token&gt; &lt;subscribers&gt; &lt;rounds&gt; &lt;server-pid&gt;
 * java CrmBench.java rate   &lt;base&gt; &lt;token&gt; &lt;list-path&gt; &lt;requests/s&gt; &lt;connections&gt; &lt;seconds&gt; &lt;server-pid&gt;
 * </pre>
 *
 * setup: signs the administrator in through the sign-in pages, creates a service account and its token, a group
 * "bench-robots" with it as member, a CRM role "Bench" (Account and Contact: create yes, read/edit/delete all) and
 * maps the group to the role: the API user reaches records as a non-administrator would.
 * create: POSTs Accounts through the API (X-Skip-Duplicate-Check, as an import would), each worker on its own
 * keep-alive connection; reports creates/s, latency and the server's CPU per create.
 * fanout: one signed-in session opens {@code subscribers} WebSockets to /live, each subscribing to the list topic
 * {@code record/Account}; then, one round at a time, the API user changes an Account and every subscriber notes
 * when the event for it arrives; latency is from just before the PATCH is sent to each receipt (one clock: the
 * same JVM).
 * rate: the list request at a fixed offered rate (open loop, as wrk2 does) over {@code connections} keep-alive
 * connections, the filter value rotating over the four Account types ({@code list-path} ends with {@code value]=}).
 * Request i is due at start + i / rate; a connection takes the next due request when it is free and sends it when
 * it is due, or at once when it is late. Latency runs from when the request was due, not from when it was sent, so
 * a stall of the server counts for every request it held back (no "coordinated omission"). Reports the achieved rate,
 * p50/p90/p99/max and the server's CPU per request; raw sockets keep this client's own CPU small. Five seconds at the
 * same rate come first and are not counted (this client's own JIT compiles the loop then).
 */
public class CrmBench {

    static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(URI.create(args[1]), args[2], args[3]);
            case "create" -> create(URI.create(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Long.parseLong(args[5]));
            case "fanout" -> fanout(URI.create(args[1]), args[2], args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Long.parseLong(args[7]));
            case "rate" -> rate(URI.create(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), Long.parseLong(args[7]));
            default -> throw new IllegalArgumentException("setup, create, fanout or rate");
        }
    }

    // ---------------------------------------------------------------- setup

    static void setup(URI base, String admin, String password) throws Exception {
        HttpClient http = signIn(base, admin, password);
        String csrf = csrf(http, base);
        String robot = id(post(http, base, "/api/identity/v1/service-accounts", csrf, "{\"name\":\"bench-crm\"}", 201));
        String token = match(TOKEN, post(http, base, "/api/identity/v1/service-accounts/" + robot + "/tokens", csrf,
                "{\"name\":\"bench\"}", 201));
        String group = id(post(http, base, "/api/identity/v1/groups", csrf, "{\"name\":\"bench-robots\"}", 201));
        send(http, base, "PUT", "/api/identity/v1/groups/" + group + "/members/" + robot, csrf, null, 204);
        String all = "{\"create\":\"yes\",\"read\":\"all\",\"edit\":\"all\",\"delete\":\"all\"}";
        post(http, base, "/api/crm/v1/roles", csrf,
                "{\"name\":\"Bench\",\"permissions\":{\"Account\":" + all + ",\"Contact\":" + all + "}}", 201);
        send(http, base, "PUT", "/api/crm/v1/group-mappings/bench-robots", csrf, "{\"roles\":[\"Bench\"]}", 200);
        System.out.println(token);
    }

    static String csrf(HttpClient http, URI base) throws Exception {
        String page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return match(CSRF_META, page);
    }

    static String post(HttpClient http, URI base, String path, String csrf, String json, int expected) throws Exception {
        return send(http, base, "POST", path, csrf, json, expected);
    }

    static String send(HttpClient http, URI base, String method, String path, String csrf, String json, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("X-CSRF-TOKEN", csrf)
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && response.statusCode() / 100 != expected / 100) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        return match(ID, json);
    }

    static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not found (" + pattern + ") in " + text.substring(0, Math.min(300, text.length())));
        }
        return matcher.group(1);
    }

    /** Signs in through the sign-in pages (username step, then password step); a client holding the session. */
    static HttpClient signIn(URI base, String username, String password) throws Exception {
        HttpClient http = Bench.browser();
        if (Bench.signIn(http, base.resolve("/login"), username, password, Bench::isHome) == null) {
            throw new IllegalStateException("sign-in of " + username + " failed");
        }
        return http;
    }

    // ---------------------------------------------------------------- create

    static void create(URI base, String token, int count, int concurrency, long pid) throws Exception {
        String[] types = {"Customer", "Investor", "Partner", "Reseller", ""};
        // warm-up: a tenth, not measured
        run(base, token, count / 10, concurrency, types, "warm", pid);
        Bench.Load load = run(base, token, count, concurrency, types, "bench", pid);
        System.out.println("create_failures=" + load.failures());
        System.out.printf("creates=%d concurrency=%d%n", count, concurrency);
        System.out.printf("creates_per_s=%.1f%n", count / load.seconds());
        System.out.printf("create_p50_ms=%.1f%ncreate_p99_ms=%.1f%n", load.percentileMs(50), load.percentileMs(99));
        System.out.printf("server_cpu_ms_per_create=%.2f%n", (double) load.serverCpuMillis() / count);
    }

    /** Creates {@code count} Accounts, each worker on its own keep-alive connection. */
    static Bench.Load run(URI base, String token, int count, int concurrency, String[] types, String prefix, long pid)
            throws Exception {
        return Bench.load(pid, count, concurrency, worker -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            return i -> {
                String body = "{\"name\":\"" + prefix + " created " + i + "\",\"type\":\"" + types[i % types.length]
                        + "\",\"industry\":\"Software\",\"billingAddressCity\":\"Springfield\"}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/Account"))
                        .header("X-Api-Key", token).header("X-Skip-Duplicate-Check", "true")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
                }
                return true;
            };
        });
    }

    // ---------------------------------------------------------------- rate

    static void rate(URI base, String token, String path, int perSecond, int connections, int seconds, long pid)
            throws Exception {
        rate(base, token, path, perSecond, connections, 5, pid, false); // this client's own JIT warm-up, not counted
        rate(base, token, path, perSecond, connections, seconds, pid, true);
    }

    static void rate(URI base, String token, String path, int perSecond, int connections, int seconds, long pid,
            boolean report) throws Exception {
        String[] types = {"Customer", "Investor", "Partner", "Reseller"};
        int total = perSecond * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long period = 1_000_000_000L / perSecond;
        long cpuBefore = Bench.cpuMillis(pid);
        long start = System.nanoTime() + 50_000_000L; // every connection is open by then
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                Socket socket = null;
                try {
                    InputStream in = null;
                    OutputStream out = null;
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        if (socket == null) { // Tomcat closes a keep-alive connection after 100 requests
                            socket = new Socket(base.getHost(), base.getPort());
                            socket.setTcpNoDelay(true);
                            out = socket.getOutputStream();
                            in = new BufferedInputStream(socket.getInputStream(), 65536);
                        }
                        long due = start + i * period;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        String request = "GET " + path + types[i % types.length] + " HTTP/1.1\r\nHost: "
                                + base.getHost() + ":" + base.getPort() + "\r\nX-Api-Key: " + token
                                + "\r\nX-No-Total: true\r\nAccept: application/json\r\n\r\n";
                        out.write(request.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        int status = readResponse(in);
                        latencies[i] = System.nanoTime() - due;
                        if (status < 0) {
                            socket.close();
                            socket = null;
                        }
                        if (Math.abs(status) != 200 && failures.incrementAndGet() <= 3) {
                            System.err.println("list request " + i + " answered " + Math.abs(status));
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.err.println("connection failed: " + e);
                } finally {
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (IOException ignored) {
                        // closing after the run
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = Bench.cpuMillis(pid) - cpuBefore;
        if (!report) {
            return;
        }
        int done = (int) Arrays.stream(latencies).filter(l -> l > 0).count();
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf("rate_offered_per_s=%d%nrate_connections=%d%n", perSecond, connections);
        System.out.printf("rate_requests=%d%nrate_failures=%d%n", done, failures.get());
        System.out.printf("rate_achieved_per_s=%.1f%n", done / elapsed);
        System.out.printf("rate_p50_ms=%.2f%nrate_p90_ms=%.2f%nrate_p99_ms=%.2f%nrate_max_ms=%.2f%n",
                Bench.percentileMs(sorted, 50), Bench.percentileMs(sorted, 90), Bench.percentileMs(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf("rate_server_cpu_ms_per_request=%.3f%n", (double) cpu / Math.max(1, done));
    }

    /**
     * Reads one HTTP/1.1 response (Content-Length or chunked body) and returns its status, negated when the server
     * closes the connection after it ({@code Connection: close}).
     */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                in.skipNBytes(size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return close ? -status : status;
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    // ---------------------------------------------------------------- fan-out

    static void fanout(URI base, String admin, String password, String token, int subscribers, int rounds, long pid)
            throws Exception {
        HttpClient http = signIn(base, admin, password);
        HttpClient writer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // the record each round changes: a fresh one, so its id marks its events
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rounds + 5; r++) {
            HttpResponse<String> created = writer.send(HttpRequest.newBuilder(base.resolve("/api/v1/Account"))
                    .header("X-Api-Key", token).header("X-Skip-Duplicate-Check", "true").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fan-out " + r + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            ids.add(id(created.body()));
        }
        // FANOUT_TOPIC=record: each subscriber follows the records themselves (record/Account/<id>, as open detail
        // pages do: access is checked against the record's owner); default: the list topic record/Account
        boolean perRecord = "record".equals(System.getenv("FANOUT_TOPIC"));
        String subscribe = perRecord
                ? "{\"type\":\"subscribe\",\"topics\":[" + String.join(",", ids.stream().map(id -> "\"record/Account/" + id + "\"").toList()) + "]}"
                : "{\"type\":\"subscribe\",\"topics\":[\"record/Account\"]}";
        URI live = URI.create(base.toString().replaceFirst("^http", "ws") + "/live");
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        AtomicLong roundReceipts = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String frame = text.toString();
                        text.setLength(0);
                        if (frame.contains("\"type\":\"subscribed\"")) {
                            subscribed.countDown();
                        } else if (frame.contains("\"type\":\"refused\"")) {
                            refused.incrementAndGet();
                            subscribed.countDown();
                        } else if (frame.contains("\"type\":\"event\"")) {
                            long now = System.nanoTime();
                            for (var entry : sentAt.entrySet()) {
                                if (frame.contains(entry.getKey())) {
                                    latencies.add(now - entry.getValue());
                                    roundReceipts.incrementAndGet();
                                    break;
                                }
                            }
                        }
                    }
                    socket.request(1);
                    return null;
                }
            };
            WebSocket socket = http.newWebSocketBuilder().header("Origin", base.toString())
                    .connectTimeout(Duration.ofSeconds(30)).buildAsync(live, listener).get(60, TimeUnit.SECONDS);
            socket.sendText(subscribe, true);
            sockets.add(socket);
        }
        if (!subscribed.await(120, TimeUnit.SECONDS) || refused.get() > 0) {
            throw new IllegalStateException("subscriptions: " + (subscribers - subscribed.getCount()) + " answered, "
                    + refused.get() + " refused");
        }
        Thread.sleep(2000); // the creates' own events pass
        long cpu = 0;
        long[] perRound = new long[rounds];
        long[] writes = new long[rounds];
        for (int r = -5; r < rounds; r++) { // five warm-up rounds first
            if (r == 0) {
                latencies.clear();
                cpu = Bench.cpuMillis(pid);
            }
            String id = ids.get(r + 5);
            roundReceipts.set(0);
            long sent = System.nanoTime();
            sentAt.put(id, sent);
            HttpResponse<String> changed = writer.send(HttpRequest.newBuilder(base.resolve("/api/v1/Account/" + id))
                    .header("X-Api-Key", token).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"description\":\"round " + r + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r >= 0) {
                writes[r] = System.nanoTime() - sent;
            }
            if (changed.statusCode() != 200) {
                throw new IllegalStateException("PATCH answered " + changed.statusCode() + ": " + changed.body());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (roundReceipts.get() < subscribers && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (r >= 0) {
                perRound[r] = roundReceipts.get();
            }
            sentAt.remove(id);
            Thread.sleep(200);
        }
        long cpuUsed = Bench.cpuMillis(pid) - cpu;
        long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long delivered = Arrays.stream(perRound).sum();
        System.out.printf("fanout_topic=%s%n", perRecord ? "record/Account/<id>" : "record/Account");
        System.out.printf("fanout_subscribers=%d rounds=%d delivered=%d of %d%n", subscribers, rounds, delivered,
                (long) subscribers * rounds);
        System.out.printf("fanout_p50_ms=%.1f%nfanout_p99_ms=%.1f%nfanout_max_ms=%.1f%n", Bench.percentileMs(all, 50), Bench.percentileMs(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        long[] writeTimes = Arrays.stream(writes).sorted().toArray();
        System.out.printf("fanout_write_p50_ms=%.1f%nfanout_write_p99_ms=%.1f (the PATCH alone: sent to answered)%n",
                Bench.percentileMs(writeTimes, 50), Bench.percentileMs(writeTimes, 99));
        StringBuilder slowest = new StringBuilder();
        Integer[] order = new Integer[rounds];
        for (int r = 0; r < rounds; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> Long.compare(writes[b], writes[a]));
        for (int i = 0; i < Math.min(5, rounds); i++) {
            slowest.append(String.format(" %.1f@%d", writes[order[i]] / 1e6, order[i]));
        }
        System.out.printf("fanout_write_slowest_ms=%s (ms@round)%n", slowest.toString().trim());
        System.out.printf("server_cpu_ms_per_round=%.1f (one PATCH + %d deliveries)%n", (double) cpuUsed / rounds, subscribers);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
