package dev.holdfast.platform.monitor.check;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Push: the watched job calls the monitor's secret URL ({@code /api/push/<token>}); the monitor is down when no call
 * came within its interval, or at once when the last call said {@code status=down} (its {@code msg} is the cause).
 * The scheduler tells the check about the last call.
 */
@Component
class PushCheck implements Check {

    @Override
    public String type() {
        return "push";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {}

    @Override
    public String target(CheckConfig config) {
        return "push";
    }

    @Override
    public CheckResult check(CheckRequest request) {
        CheckRequest.Push push = request.push();
        if (push == null) {
            return CheckResult.down(0, "no push received yet");
        }
        Duration silence = Duration.between(push.at(), request.now());
        if (silence.compareTo(request.interval()) > 0) {
            return CheckResult.down(0, "no push for " + silence.toSeconds() + " s (expected every " + request.interval().toSeconds() + " s)");
        }
        long ping = push.pingMillis() == null ? 0 : push.pingMillis();
        if (!push.up()) {
            return CheckResult.down(ping, "pushed down" + (push.message() == null || push.message().isBlank() ? "" : ": " + push.message()));
        }
        return CheckResult.up(ping, push.message() == null || push.message().isBlank()
                ? "push received " + Math.max(0, silence.toSeconds()) + " s ago" : push.message());
    }
}
