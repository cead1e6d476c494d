package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gotify: {@code POST <server>/message} with the application token in {@code X-Gotify-Key} (not in the query,
 * where proxies log it) and {@code title}, {@code message}, {@code priority} as JSON.
 */
@Component
class GotifyChannel implements NotificationChannel {

    private final HttpSender http;

    GotifyChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "gotify";
    }

    @Override
    public String displayName() {
        return "Gotify";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.url("serverUrl", "Server URL"),
                ChannelSetting.text("token", "Application token").secretValue(),
                ChannelSetting.number("priority", "Priority", 8).help("0-10; 8 and above notify loudly on Android"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        int priority = Integer.parseInt(settings.get("priority").strip());
        return priority < 0 || priority > 10 ? Map.of("priority", "a number from 0 to 10") : Map.of();
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", message.title());
        body.put("message", message.text());
        body.put("priority", Integer.parseInt(settings.get("priority").strip()));
        http.json("POST", HttpSender.base(settings.get("serverUrl")) + "/message", body,
                Map.of("X-Gotify-Key", settings.get("token")));
    }
}
