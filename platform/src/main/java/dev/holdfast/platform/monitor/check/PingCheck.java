package dev.holdfast.platform.monitor.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ping (ICMP) through the system's {@code ping} command, which holds the capability to send ICMP that the JVM lacks.
 * Says so plainly when the command is missing or not permitted.
 */
@Component
class PingCheck implements Check {

    private static final Pattern TIME = Pattern.compile("time[=<]([0-9.]+) ?ms");

    private final String command;

    PingCheck() {
        this("ping");
    }

    /** With another {@code ping} program (a path or a name on the PATH). */
    PingCheck(String command) {
        this.command = command;
    }

    @Override
    public String type() {
        return "ping";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
    }

    @Override
    public String target(CheckConfig config) {
        return config.string("host", "");
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("host");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        String host = request.config().string("host", "");
        long seconds = Math.max(1, request.timeout().toSeconds());
        Process process;
        long start = System.nanoTime();
        try {
            process = new ProcessBuilder(command, "-n", "-c", "1", "-W", String.valueOf(seconds), "--", host)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return CheckResult.down(0, "ping: the ping command is not installed on this machine");
        }
        try {
            if (!process.waitFor(seconds + 2, TimeUnit.SECONDS)) {
                return CheckResult.down((System.nanoTime() - start) / 1_000_000, "timeout");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (output.contains("Operation not permitted") || output.contains("permission denied") || output.contains("socket: Permission denied")) {
                return CheckResult.down(millis, "ping: not permitted here (ICMP needs raw sockets or the ping capability)");
            }
            Matcher time = TIME.matcher(output);
            if (process.exitValue() == 0 && time.find()) {
                return CheckResult.up(Math.round(Double.parseDouble(time.group(1))), "reply from " + host);
            }
            if (output.contains("unknown host") || output.contains("Name or service not known") || output.contains("Temporary failure in name resolution")) {
                return CheckResult.down(millis, "DNS: cannot resolve " + host);
            }
            return CheckResult.down(millis, "no reply from " + host);
        } finally {
            process.destroyForcibly();
        }
    }
}
