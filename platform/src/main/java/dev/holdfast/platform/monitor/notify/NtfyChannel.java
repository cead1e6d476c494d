package dev.holdfast.platform.monitor.notify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * ntfy: a publish ({@code POST <server>/<topic>}) with the text as body and the {@code Title}, {@code Priority} and
 * {@code Tags} headers (a title that is not ASCII goes RFC 2047-encoded, which ntfy reads). An access token, if set,
 * goes as {@code Authorization: Bearer}. A recovery is sent at the default priority.
 */
@Component
class NtfyChannel implements NotificationChannel {

    private final HttpSender http;

    NtfyChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "ntfy";
    }

    @Override
    public String displayName() {
        return "ntfy";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.url("serverUrl", "Server URL").defaultingTo("https://ntfy.sh"),
                ChannelSetting.text("topic", "Topic"),
                ChannelSetting.choice("priority", "Priority of down messages", "4", "1", "2", "3", "4", "5"),
                ChannelSetting.text("accessToken", "Access token").secretValue().optional()
                        .help("For protected topics (tk_...); empty for public ones"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        return settings.get("topic").matches("[-_A-Za-z0-9]{1,64}")
                ? Map.of() : Map.of("topic", "letters, digits, - and _ only, at most 64");
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Title", header(message.title()));
        headers.put("Priority", message.kind() == Message.Kind.DOWN || message.kind() == Message.Kind.REMINDER
                ? settings.get("priority") : "3");
        headers.put("Tags", switch (message.kind()) {
            case DOWN -> "rotating_light,holdfast";
            case REMINDER -> "warning,holdfast";
            case UP -> "white_check_mark,holdfast";
            case TEST -> "test_tube,holdfast";
        });
        String token = settings.getOrDefault("accessToken", "");
        if (!token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        http.send("POST", HttpSender.base(settings.get("serverUrl")) + "/" + settings.get("topic"),
                "text/plain; charset=utf-8", message.text(), headers);
    }

    /** ASCII as it is; anything else as an RFC 2047 encoded word. */
    static String header(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
