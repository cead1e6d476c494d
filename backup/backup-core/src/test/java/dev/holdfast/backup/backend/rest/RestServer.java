package dev.holdfast.backup.backend.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A minimal server of restic's REST protocol v2, as rest-server documents it (Debian has no rest-server package):
 * one repository at {@code /}, files in restic's local layout, basic authentication, {@code Range} reads, JSON
 * listings for {@code Accept: application/vnd.x.restic.rest.v2}, 403 for a file that exists already. restic 0.14
 * itself is run against it in the interop tests, which keeps this server honest.
 */
public final class RestServer implements AutoCloseable {

    private static final Set<String> TYPES = Set.of("data", "keys", "locks", "snapshots", "index");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Path root;
    private final String authorization;
    private volatile boolean versionOneOnly;

    private RestServer(HttpServer server, Path root, String user, String password) {
        this.server = server;
        this.root = root;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Serves {@code root} on a free loopback port, to clients that authenticate as {@code user}. */
    public static RestServer start(Path root, String user, String password) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            RestServer rest = new RestServer(server, root, user, password);
            server.createContext("/", rest::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return rest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, lists as a protocol v1 server (names only), whatever the client accepts. */
    public void speakVersionOneOnly() {
        versionOneOnly = true;
    }

    /** {@code rest:http://user:password@127.0.0.1:port/}, as restic spells it. */
    public String location(String user, String password) {
        return "rest:http://" + user + ":" + password + "@127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/") && method.equals("POST") && "create=true".equals(exchange.getRequestURI().getQuery())) {
                for (String type : TYPES) {
                    Files.createDirectories(root.resolve(type));
                }
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals("/config")) {
                file(exchange, method, root.resolve("config"));
            } else {
                String[] parts = path.substring(1).split("/", -1);
                if (parts.length != 2 || !TYPES.contains(parts[0])) {
                    exchange.sendResponseHeaders(404, -1);
                } else if (parts[1].isEmpty() && method.equals("GET")) {
                    list(exchange, parts[0]);
                } else if (parts[1].matches("[0-9a-f]{64}")) {
                    file(exchange, method, parts[0].equals("data")
                            ? root.resolve("data").resolve(parts[1].substring(0, 2)).resolve(parts[1])
                            : root.resolve(parts[0]).resolve(parts[1]));
                } else {
                    exchange.sendResponseHeaders(400, -1);
                }
            }
        }
    }

    private void file(HttpExchange exchange, String method, Path file) throws IOException {
        try {
            switch (method) {
                case "HEAD" -> {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(Files.size(file)));
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET" -> get(exchange, file);
                case "POST" -> {
                    Files.createDirectories(file.getParent());
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    Path temp = Files.createTempFile(file.getParent(), ".upload", "");
                    Files.write(temp, body);
                    Files.createLink(file, temp);
                    Files.delete(temp);
                    exchange.sendResponseHeaders(200, -1);
                }
                case "DELETE" -> {
                    Files.delete(file);
                    exchange.sendResponseHeaders(200, -1);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        } catch (NoSuchFileException e) {
            exchange.sendResponseHeaders(404, -1);
        } catch (FileAlreadyExistsException e) {
            exchange.sendResponseHeaders(403, -1);
        }
    }

    private static void get(HttpExchange exchange, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String range = exchange.getRequestHeaders().getFirst("Range");
        int status = 200;
        int from = 0;
        int to = content.length;
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) >= content.length) {
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            from = Integer.parseInt(matcher.group(1));
            to = matcher.group(2).isEmpty() ? content.length
                    : (int) Math.min(content.length, Long.parseLong(matcher.group(2)) + 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + content.length);
        }
        exchange.sendResponseHeaders(status, to - from == 0 ? -1 : to - from);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, to - from);
        }
    }

    private void list(HttpExchange exchange, String type) throws IOException {
        boolean v2 = !versionOneOnly
                && String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).contains(RestBackend.V2);
        List<String> entries = new ArrayList<>();
        Path dir = root.resolve(type);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.matches("[0-9a-f]{64}")) {
                    entries.add(v2 ? "{\"name\":\"" + name + "\",\"size\":" + Files.size(file) + "}" : "\"" + name + "\"");
                }
            }
        } catch (NoSuchFileException e) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] body = ("[" + String.join(",", entries) + "]").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", v2 ? RestBackend.V2 : "application/vnd.x.restic.rest.v1");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
