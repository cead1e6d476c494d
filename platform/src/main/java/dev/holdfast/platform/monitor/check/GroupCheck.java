package dev.holdfast.platform.monitor.check;

import dev.holdfast.platform.monitor.MonitorState;
import org.springframework.stereotype.Component;

/** Group: down when one of its children (monitors whose parent it is) is down. */
@Component
class GroupCheck implements Check {

    @Override
    public String type() {
        return "group";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {}

    @Override
    public String target(CheckConfig config) {
        return "group";
    }

    @Override
    public CheckResult check(CheckRequest request) {
        long down = request.children().values().stream().filter(state -> state == MonitorState.DOWN).count();
        if (down > 0) {
            return CheckResult.down(0, down + " of " + request.children().size() + " monitors down");
        }
        return CheckResult.up(0, request.children().size() + " monitors, none down");
    }
}
