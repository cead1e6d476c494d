package dev.holdfast.platform.monitor.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server standing in for a provider's API: it records every request (method, path with query, headers,
 * body) and answers with the status and body it is told, or not at all ({@link #hang()}) until it is closed.
 */
final class HttpReceiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    record Recorded(String method, String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String answer = "{\"ok\":true}";
    private volatile boolean hang;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    HttpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every further request with this status and body. */
    HttpReceiver answer(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    /** Answers the next {@code count} requests with 503, then as before. */
    HttpReceiver failNext(int count) {
        failures.set(count);
        return this;
    }

    /** Reads further requests but never answers them (until closed). */
    void hang() {
        this.hang = true;
    }

    /** The next request that arrived, waiting up to 10 s. */
    Recorded next() {
        try {
            Recorded request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived at the receiver within 10 s");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every request that arrived and was not taken yet. */
    List<Recorded> drain() {
        List<Recorded> all = new java.util.ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String query = exchange.getRequestURI().getRawQuery();
            // the answer is decided before the request is visible to the test, which may change the answer for the next
            boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            boolean silent = hang;
            int answerStatus = fail ? 503 : status;
            byte[] bytes = (fail ? "{\"error\":\"try later\"}" : answer).getBytes(StandardCharsets.UTF_8);
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (query == null ? "" : "?" + query), headers, body));
            if (silent) {
                closed.await(30, TimeUnit.SECONDS);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answerStatus, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
