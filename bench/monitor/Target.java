package monitor;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The watched "services" of the monitoring benchmark: a keep-alive HTTP server on virtual threads, run in its own
 * process so its CPU is not counted as Holdfast's. {@code /ok/...} answers 200 with a short body at once;
 * {@code /hang/...} accepts the request and never answers (a hung service, for the "nobody waits behind it" check).
 *
 * Usage: java Target.java <port> [hung hosts]
 */
public class Target {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] ok = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        int hangHosts = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        // the healthy services on 127.0.0.1, the hung ones on 127.0.0.2, .3, ... (other hosts, as they would be)
        for (int host = 1; host <= 1 + hangHosts; host++) {
            serve(new InetSocketAddress("127.0.0." + host, port), ok);
        }
        System.out.println("listening on " + port);
    }

    private static void serve(InetSocketAddress address, byte[] ok) throws java.io.IOException {
        HttpServer server = HttpServer.create(address, 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.createContext("/hang", exchange -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                exchange.close();
            }
        });
        server.start();
    }
}
