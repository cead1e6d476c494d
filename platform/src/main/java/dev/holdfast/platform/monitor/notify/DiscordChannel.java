package dev.holdfast.platform.monitor.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Discord: an incoming webhook ({@code POST <webhook URL>}) with a short {@code content} line and one embed. */
@Component
class DiscordChannel implements NotificationChannel {

    private final HttpSender http;

    DiscordChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "discord";
    }

    @Override
    public String displayName() {
        return "Discord";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.url("webhookUrl", "Webhook URL").secretValue()
                        .help("Server settings → Integrations → Webhooks, e.g. https://discord.com/api/webhooks/..."),
                ChannelSetting.text("username", "Bot name").optional().help("Shown as the sender; empty: the webhook's name"));
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", message.title());
        embed.put("description", message.text());
        embed.put("color", color(message.kind()));
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("Target", message.target()));
        fields.add(field("Cause", message.cause()));
        if (message.downForText() != null) {
            fields.add(field("Down for", message.downForText()));
        }
        embed.put("fields", fields);
        embed.put("timestamp", message.at().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        String username = settings.getOrDefault("username", "");
        if (!username.isEmpty()) {
            body.put("username", username);
        }
        body.put("content", message.title());
        body.put("embeds", List.of(embed));
        body.put("allowed_mentions", Map.of("parse", List.of()));
        http.json("POST", settings.get("webhookUrl"), body, Map.of());
    }

    private static Map<String, Object> field(String name, String value) {
        return Map.of("name", name, "value", value.length() > 1024 ? value.substring(0, 1023) + "…" : value, "inline", false);
    }

    /** Red for down, green for up, orange for a reminder, blue for a test. */
    static int color(Message.Kind kind) {
        return switch (kind) {
            case DOWN -> 0xD93025;
            case UP -> 0x1E8E3E;
            case REMINDER -> 0xF29900;
            case TEST -> 0x1A73E8;
        };
    }
}
