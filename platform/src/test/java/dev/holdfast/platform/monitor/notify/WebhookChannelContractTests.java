package dev.holdfast.platform.monitor.notify;

import java.util.Map;

/** The generic webhook with a template, PUT and an authorization header (Holdfast's own body: WebhookChannelUnitTests). */
class WebhookChannelContractTests extends NotificationChannelContractTests {

    static final String TEMPLATE = """
            {"event": "{{kind}}", "monitor": "{{monitorName}}", "url": "{{ target }}", "why": "{{cause}}",
             "downSeconds": {{downForSeconds}}, "summary": "{{title}}", "id": "{{monitorId}}"}""";

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new WebhookChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("url", receiverUrl + "/hooks/holdfast?key=s3cret-hook-key", "method", "PUT",
                "headers", "Authorization: Bearer s3cret-bearer\nX-Source: holdfast", "body", TEMPLATE);
    }

    @Override
    protected Expected expected(Message message) {
        Object body = switch (message.kind()) {
            case DOWN -> obj("event", "DOWN", "monitor", "Shop API", "url", "https://shop.example/health",
                    "why", "HTTP 503 Service Unavailable", "downSeconds", null, "summary", DOWN_TITLE, "id", "m-42");
            case UP -> obj("event", "UP", "monitor", "Shop API", "url", "https://shop.example/health",
                    "why", "HTTP 200 in 84 ms", "downSeconds", 725, "summary", UP_TITLE, "id", "m-42");
            default -> obj("event", "TEST", "monitor", "Ops room", "url", "Holdfast",
                    "why", "test notification requested", "downSeconds", null, "summary", TEST_TITLE, "id", "test");
        };
        return Expected.json("PUT", "/hooks/holdfast?key=s3cret-hook-key", body)
                .withHeader("Authorization", "Bearer s3cret-bearer").withHeader("X-Source", "holdfast");
    }
}
