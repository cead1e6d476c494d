package dev.holdfast.platform.monitor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP target whose health a test switches: {@code /health} answers with {@link #status}; {@code /hang} never answers. */
public final class TestTarget implements AutoCloseable {

    public final AtomicInteger status = new AtomicInteger(200);
    public final AtomicInteger hits = new AtomicInteger();
    private final HttpServer server;

    public TestTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("{\"status\":\"" + (status.get() < 400 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/hang", exchange -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public HttpServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
