package dev.holdfast.platform.monitor.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Redis: connect, authenticate when a password is set, and {@code PING}; or, when {@code command} is set, run that
 * read-only command (e.g. {@code GET health:flag}) and, when {@code expected} is set, compare its answer. A few RESP
 * commands over a socket; a client library (Jedis, Lettuce) would add a dependency and a pool for one round trip.
 * Only read-only commands are accepted ({@link #READ_ONLY}), so a monitor cannot change the data it watches. At most
 * {@link #MAX_REPLY} bytes of an answer are read.
 */
@Component
class RedisCheck implements Check {

    static final Set<String> READ_ONLY = Set.of("PING", "ECHO", "GET", "EXISTS", "TYPE", "STRLEN", "LLEN", "SCARD", "HGET",
            "HEXISTS", "HLEN", "ZCARD", "DBSIZE", "TTL", "PTTL", "LINDEX", "SISMEMBER", "ZSCORE");
    static final int MAX_REPLY = 64 * 1024;

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
        config.requirePort("port", 6379, errors);
        String command = config.string("command");
        if (command != null && !command.isBlank()) {
            List<String> words = words(command);
            if (words.isEmpty() || !READ_ONLY.contains(words.get(0).toUpperCase(Locale.ROOT))) {
                errors.add("config.command", "a read-only command: one of " + String.join(", ", READ_ONLY.stream().sorted().toList()));
            } else if (command.length() > 1000) {
                errors.add("config.command", "at most 1000 characters");
            }
        }
        String expected = config.string("expected");
        if (expected != null && expected.length() > 1000) {
            errors.add("config.expected", "at most 1000 characters");
        }
    }

    @Override
    public String target(CheckConfig config) {
        return "redis://" + config.string("host", "") + ":" + config.integer("port", 6379);
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("host");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        CheckConfig config = request.config();
        int timeout = (int) Math.max(1, request.timeout().toMillis());
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(config.string("host", ""), config.integer("port", 6379)), timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String password = config.string("password");
            if (password != null) {
                String user = config.string("user");
                Reply reply = user == null ? command(out, in, List.of("AUTH", password)) : command(out, in, List.of("AUTH", user, password));
                if (reply.error()) {
                    return CheckResult.down(millis(start), "redis: " + Causes.firstLine(reply.text()));
                }
            }
            String command = config.string("command");
            List<String> words = command == null || command.isBlank() ? List.of("PING") : words(command);
            Reply reply = command(out, in, words);
            if (reply.error()) {
                return CheckResult.down(millis(start), "redis: " + Causes.firstLine(reply.text().isEmpty() ? "no answer" : reply.text()));
            }
            String expected = config.string("expected");
            String shown = reply.text() == null ? "nil" : reply.text();
            String name = words.get(0).toUpperCase(Locale.ROOT);
            if (expected != null && !expected.isEmpty() && !expected.equals(reply.text())) {
                return CheckResult.down(millis(start), "redis: " + name + " returned " + Causes.firstLine(shown) + ", expected " + expected);
            }
            if (command == null || command.isBlank()) {
                return reply.text() != null && reply.text().equals("PONG") ? CheckResult.up(millis(start), "PONG")
                        : CheckResult.down(millis(start), "redis: " + Causes.firstLine(shown));
            }
            return CheckResult.up(millis(start), name + " returned " + Causes.firstLine(shown));
        }
    }

    /** One answer: its text (null for nil), or an error's message. */
    private record Reply(boolean error, @Nullable String text) {}

    private static Reply command(OutputStream out, InputStream in, List<String> words) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + words.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        String line = line(in);
        if (line == null || line.isEmpty()) {
            return new Reply(true, "");
        }
        char kind = line.charAt(0);
        String rest = line.substring(1);
        return switch (kind) {
            case '+', ':' -> new Reply(false, rest);
            case '-' -> new Reply(true, rest);
            case '$' -> bulk(in, rest);
            case '*' -> new Reply(false, "an array of " + rest);
            default -> new Reply(true, "not a Redis answer");
        };
    }

    private static Reply bulk(InputStream in, String length) throws IOException {
        int size;
        try {
            size = Integer.parseInt(length.strip());
        } catch (NumberFormatException e) {
            return new Reply(true, "not a Redis answer");
        }
        if (size < 0) {
            return new Reply(false, null);
        }
        byte[] data = in.readNBytes(Math.min(size, MAX_REPLY));
        return new Reply(false, new String(data, StandardCharsets.UTF_8));
    }

    /** A CRLF-terminated line of at most {@link #MAX_REPLY} bytes; null at the end of the stream. */
    private static @Nullable String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && line.size() < MAX_REPLY) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** The command's words: split at spaces, "double quotes" keep spaces. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
