package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PagerDuty: the Events API v2 ({@code POST /v2/enqueue}). A down message (and a reminder) triggers an alert with
 * {@code dedup_key} {@code holdfast-monitor-<id>}; the recovery resolves that same key, so it closes the incident the
 * down message opened. A test triggers an info alert under its own key.
 */
@Component
class PagerDutyChannel implements NotificationChannel {

    private final HttpSender http;
    private final String api;

    PagerDutyChannel(HttpSender http, NotificationSettings settings) {
        this.http = http;
        this.api = settings.pagerdutyUrl();
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public String displayName() {
        return "PagerDuty";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.text("routingKey", "Integration (routing) key").secretValue()
                        .help("Of an Events API v2 integration on a service"),
                ChannelSetting.choice("severity", "Severity", "critical", "critical", "error", "warning", "info"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        return settings.get("routingKey").matches("[A-Za-z0-9]{32}") ? Map.of() : Map.of("routingKey", "32 letters and digits");
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", settings.get("routingKey"));
        body.put("event_action", message.kind() == Message.Kind.UP ? "resolve" : "trigger");
        body.put("dedup_key", dedupKey(message));
        if (message.kind() != Message.Kind.UP) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("monitor", message.monitorName());
            details.put("target", message.target());
            details.put("cause", message.cause());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", SlackChannel.limit(message.text(), 1024));
            payload.put("source", SlackChannel.limit(message.target(), 255));
            payload.put("severity", message.kind() == Message.Kind.TEST ? "info" : settings.get("severity"));
            payload.put("timestamp", message.at().toString());
            payload.put("component", message.monitorName());
            payload.put("class", "monitor");
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", "Holdfast");
        }
        http.json("POST", api + "/v2/enqueue", body, Map.of());
    }

    static String dedupKey(Message message) {
        return message.kind() == Message.Kind.TEST ? "holdfast-test-" + message.id() : "holdfast-monitor-" + message.monitorId();
    }
}
