package dev.holdfast.platform.monitor.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Slack: an incoming webhook ({@code POST <webhook URL>}) with {@code text} (the notification's fallback) and
 * Block Kit {@code blocks}: a header, the message, and a context line with target and cause.
 */
@Component
class SlackChannel implements NotificationChannel {

    private final HttpSender http;

    SlackChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public String displayName() {
        return "Slack";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(ChannelSetting.url("webhookUrl", "Webhook URL").secretValue()
                .help("An incoming webhook, e.g. https://hooks.slack.com/services/T.../B.../..."));
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(limit(message.title(), 150))));
        blocks.add(Map.of("type", "section", "text", plain(limit(message.text(), 3000))));
        List<Map<String, Object>> context = new ArrayList<>();
        context.add(plain("Target: " + limit(message.target(), 1000)));
        if (message.downForText() != null) {
            context.add(plain("Down for: " + message.downForText()));
        }
        blocks.add(Map.of("type", "context", "elements", context));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.title() + ": " + message.text());
        body.put("blocks", blocks);
        http.json("POST", settings.get("webhookUrl"), body, Map.of());
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    static String limit(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }
}
