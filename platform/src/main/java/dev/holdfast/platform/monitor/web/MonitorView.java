package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorStatus;
import dev.holdfast.platform.monitor.MonitorTag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A monitor as the API shows it: durations in seconds, secrets in its settings masked. */
record MonitorView(String id, String name, String type, String target, Map<String, Object> config, long interval, long timeout,
        int retries, long retryInterval, long resendInterval, boolean upsideDown, boolean active, @Nullable String parent,
        @Nullable String pushUrl, @Nullable StatusView status, List<MonitorTag> tags) {

    /** What masked secrets read as; sending it back on update keeps the stored secret. */
    static final String MASK = "********";

    record StatusView(String state, @Nullable String since, @Nullable String lastCheck, @Nullable Long responseMillis,
            @Nullable String message) {

        static StatusView of(MonitorStatus status) {
            return new StatusView(status.state().name(), status.since() == null ? null : status.since().toString(),
                    status.lastCheck() == null ? null : status.lastCheck().toString(), status.responseMillis(), status.message());
        }
    }

    static MonitorView of(Monitor monitor, @Nullable MonitorStatus status, List<MonitorTag> tags) {
        return new MonitorView(monitor.id().value(), monitor.name(), monitor.type(), monitor.target(), masked(monitor.config().values()),
                monitor.interval().toSeconds(), monitor.timeout().toSeconds(), monitor.retries(), monitor.retryInterval().toSeconds(),
                monitor.resendInterval().toSeconds(), monitor.upsideDown(), monitor.active(),
                monitor.parent() == null ? null : monitor.parent().value(),
                monitor.pushToken() == null ? null : "/api/push/" + monitor.pushToken(), status == null ? null : StatusView.of(status), tags);
    }

    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("token") || lower.contains("secret");
    }

    private static Map<String, Object> masked(Map<String, Object> config) {
        Map<String, Object> result = new LinkedHashMap<>();
        config.forEach((key, value) -> result.put(key, secret(key) && value != null && !value.toString().isEmpty() ? MASK : value));
        return result;
    }
}
