package dev.holdfast.platform.monitor.check;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Push: the watched job calls the monitor's secret URL ({@code /api/push/<token>}); the monitor is down when no call
 * came within its interval. The scheduler tells the check when the last call came.
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
        if (request.lastPush() == null) {
            return CheckResult.down(0, "no push received yet");
        }
        Duration silence = Duration.between(request.lastPush(), request.now());
        if (silence.compareTo(request.interval()) > 0) {
            return CheckResult.down(0, "no push for " + silence.toSeconds() + " s (expected every " + request.interval().toSeconds() + " s)");
        }
        return CheckResult.up(0, "push received " + Math.max(0, silence.toSeconds()) + " s ago");
    }
}
