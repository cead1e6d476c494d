package dev.holdfast.platform.monitor.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Microsoft Teams: a Workflows (Power Automate) webhook or a legacy incoming webhook
 * ({@code POST <webhook URL>}), with a {@code message} holding one Adaptive Card (version 1.4): the title coloured by
 * state, the text, and facts (monitor, target, cause, time, down for).
 */
@Component
class TeamsChannel implements NotificationChannel {

    private final HttpSender http;

    TeamsChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public String displayName() {
        return "Microsoft Teams";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(ChannelSetting.url("webhookUrl", "Webhook URL").secretValue()
                .help("The URL of a Teams workflow \"When a Teams webhook request is received\" (or an incoming webhook)"));
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact("Monitor", message.monitorName()));
        facts.add(fact("Target", message.target()));
        facts.add(fact("Cause", message.cause()));
        facts.add(fact("Time", message.time()));
        if (message.downForText() != null) {
            facts.add(fact("Down for", message.downForText()));
        }
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", "TextBlock");
        title.put("text", message.title());
        title.put("weight", "Bolder");
        title.put("size", "Medium");
        title.put("color", switch (message.kind()) {
            case DOWN, REMINDER -> "Attention";
            case UP -> "Good";
            case TEST -> "Accent";
        });
        title.put("wrap", true);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(title,
                Map.of("type", "TextBlock", "text", message.text(), "wrap", true),
                Map.of("type", "FactSet", "facts", facts)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message");
        body.put("attachments", List.of(attachment));
        http.json("POST", settings.get("webhookUrl"), body, Map.of());
    }

    private static Map<String, Object> fact(String title, String value) {
        return Map.of("title", title, "value", value);
    }
}
