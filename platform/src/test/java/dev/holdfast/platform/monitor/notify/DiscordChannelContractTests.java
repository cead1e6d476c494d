package dev.holdfast.platform.monitor.notify;

import java.util.List;
import java.util.Map;

class DiscordChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new DiscordChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("webhookUrl", receiverUrl + "/api/webhooks/1234/s3cret-webhook-token", "username", "Holdfast");
    }

    @Override
    protected void answerSuccess(HttpReceiver receiver) {
        receiver.answer(204, "");
    }

    @Override
    protected Expected expected(Message message) {
        Object embed = switch (message.kind()) {
            case DOWN -> obj("title", DOWN_TITLE, "description", DOWN_TEXT, "color", 0xD93025, "fields", List.of(
                    field("Target", "https://shop.example/health"), field("Cause", "HTTP 503 Service Unavailable")),
                    "timestamp", "2026-11-30T05:00:00Z");
            case UP -> obj("title", UP_TITLE, "description", UP_TEXT, "color", 0x1E8E3E, "fields", List.of(
                    field("Target", "https://shop.example/health"), field("Cause", "HTTP 200 in 84 ms"),
                    field("Down for", "12m 5s")), "timestamp", "2026-11-30T05:12:05Z");
            default -> obj("title", TEST_TITLE, "description", TEST_TEXT, "color", 0x1A73E8, "fields", List.of(
                    field("Target", "Holdfast"), field("Cause", "test notification requested")),
                    "timestamp", "2026-11-30T05:00:00Z");
        };
        return Expected.json("POST", "/api/webhooks/1234/s3cret-webhook-token", obj("username", "Holdfast",
                "content", ((Map<?, ?>) embed).get("title"), "embeds", List.of(embed), "allowed_mentions", obj("parse", List.of())));
    }

    private static Object field(String name, String value) {
        return obj("name", name, "value", value, "inline", false);
    }
}
