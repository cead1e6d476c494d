package dev.holdfast.platform.monitor.check;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Redis: connect, authenticate when a password is set, and {@code PING}. Three RESP commands over a socket; a client
 * library (Jedis, Lettuce) would add a dependency and a pool for what is one round trip.
 */
@Component
class RedisCheck implements Check {

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
        config.requirePort("port", 6379, errors);
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
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String password = config.string("password");
            if (password != null) {
                String user = config.string("user");
                String reply = user == null ? command(out, in, "AUTH", password) : command(out, in, "AUTH", user, password);
                if (!reply.startsWith("+")) {
                    return CheckResult.down(millis(start), "redis: " + Causes.firstLine(reply.substring(1)));
                }
            }
            String reply = command(out, in, "PING");
            if (!reply.equals("+PONG")) {
                return CheckResult.down(millis(start), "redis: " + Causes.firstLine(reply.isEmpty() ? "no answer" : reply.substring(1)));
            }
            return CheckResult.up(millis(start), "PONG");
        }
    }

    private static String command(OutputStream out, BufferedReader in, String... words) throws java.io.IOException {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = in.readLine();
        return line == null ? "" : line;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
