package dev.holdfast.platform.monitor.notify;

import java.util.Map;

class PagerDutyChannelContractTests extends NotificationChannelContractTests {

    static final String KEY = "R0UT1NGKEYs3cret0000000000000000";

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new PagerDutyChannel(http, settings);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("routingKey", KEY, "severity", "error");
    }

    @Override
    protected void answerSuccess(HttpReceiver receiver) {
        receiver.answer(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"holdfast-monitor-m-42\"}");
    }

    @Override
    protected Expected expected(Message message) {
        Object body = switch (message.kind()) {
            case DOWN -> obj("routing_key", KEY, "event_action", "trigger", "dedup_key", "holdfast-monitor-m-42",
                    "payload", obj("summary", DOWN_TEXT, "source", "https://shop.example/health", "severity", "error",
                            "timestamp", "2026-11-30T05:00:00Z", "component", "Shop API", "class", "monitor",
                            "custom_details", obj("monitor", "Shop API", "target", "https://shop.example/health",
                                    "cause", "HTTP 503 Service Unavailable")),
                    "client", "Holdfast");
            // the recovery resolves the incident the down message opened: the same dedup_key
            case UP -> obj("routing_key", KEY, "event_action", "resolve", "dedup_key", "holdfast-monitor-m-42");
            default -> obj("routing_key", KEY, "event_action", "trigger", "dedup_key", "holdfast-test-t-1",
                    "payload", obj("summary", TEST_TEXT, "source", "Holdfast", "severity", "info",
                            "timestamp", "2026-11-30T05:00:00Z", "component", "Ops room", "class", "monitor",
                            "custom_details", obj("monitor", "Ops room", "target", "Holdfast",
                                    "cause", "test notification requested")),
                    "client", "Holdfast");
        };
        return Expected.json("POST", "/v2/enqueue", body);
    }
}
