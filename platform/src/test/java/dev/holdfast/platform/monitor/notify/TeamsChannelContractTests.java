package dev.holdfast.platform.monitor.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class TeamsChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new TeamsChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("webhookUrl", receiverUrl + "/workflows/abc/triggers/manual/paths/invoke?sig=s3cretSignature");
    }

    @Override
    protected void answerSuccess(HttpReceiver receiver) {
        receiver.answer(202, "");
    }

    @Override
    protected Expected expected(Message message) {
        List<Object> facts = new ArrayList<>();
        String title, text, color;
        switch (message.kind()) {
            case DOWN -> {
                title = DOWN_TITLE; text = DOWN_TEXT; color = "Attention";
                facts.addAll(List.of(fact("Monitor", "Shop API"), fact("Target", "https://shop.example/health"),
                        fact("Cause", "HTTP 503 Service Unavailable"), fact("Time", "2026-11-30 05:00:00 UTC")));
            }
            case UP -> {
                title = UP_TITLE; text = UP_TEXT; color = "Good";
                facts.addAll(List.of(fact("Monitor", "Shop API"), fact("Target", "https://shop.example/health"),
                        fact("Cause", "HTTP 200 in 84 ms"), fact("Time", "2026-11-30 05:12:05 UTC"), fact("Down for", "12m 5s")));
            }
            default -> {
                title = TEST_TITLE; text = TEST_TEXT; color = "Accent";
                facts.addAll(List.of(fact("Monitor", "Ops room"), fact("Target", "Holdfast"),
                        fact("Cause", "test notification requested"), fact("Time", "2026-11-30 05:00:00 UTC")));
            }
        }
        Object card = obj("$schema", "http://adaptivecards.io/schemas/adaptive-card.json", "type", "AdaptiveCard",
                "version", "1.4", "body", List.of(
                        obj("type", "TextBlock", "text", title, "weight", "Bolder", "size", "Medium", "color", color, "wrap", true),
                        obj("type", "TextBlock", "text", text, "wrap", true),
                        obj("type", "FactSet", "facts", facts)));
        return Expected.json("POST", "/workflows/abc/triggers/manual/paths/invoke?sig=s3cretSignature", obj("type", "message",
                "attachments", List.of(obj("contentType", "application/vnd.microsoft.card.adaptive", "contentUrl", null,
                        "content", card))));
    }

    private static Object fact(String title, String value) {
        return obj("title", title, "value", value);
    }
}
