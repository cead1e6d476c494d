package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pushover: {@code POST /1/messages.json} as a form with {@code token}, {@code user}, {@code title},
 * {@code message}, {@code priority} and {@code timestamp} (optionally {@code device}, {@code sound}). Emergency
 * priority (2) repeats every 60 s for an hour until acknowledged, as Pushover requires {@code retry}/{@code expire}.
 * A recovery goes at normal priority (0).
 */
@Component
class PushoverChannel implements NotificationChannel {

    private final HttpSender http;
    private final String api;

    PushoverChannel(HttpSender http, NotificationSettings settings) {
        this.http = http;
        this.api = settings.pushoverUrl();
    }

    @Override
    public String type() {
        return "pushover";
    }

    @Override
    public String displayName() {
        return "Pushover";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.text("userKey", "User or group key").secretValue(),
                ChannelSetting.text("appToken", "Application token").secretValue(),
                ChannelSetting.choice("priority", "Priority of down messages", "1", "-2", "-1", "0", "1", "2"),
                ChannelSetting.text("device", "Device").optional().help("Empty: all of the user's devices"),
                ChannelSetting.text("sound", "Sound").optional());
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!settings.get("userKey").matches("[A-Za-z0-9]{30}")) {
            errors.put("userKey", "30 letters and digits");
        }
        if (!settings.get("appToken").matches("[A-Za-z0-9]{30}")) {
            errors.put("appToken", "30 letters and digits");
        }
        return errors;
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        boolean alarm = message.kind() == Message.Kind.DOWN || message.kind() == Message.Kind.REMINDER;
        String priority = alarm ? settings.get("priority") : "0";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", settings.get("appToken"));
        form.put("user", settings.get("userKey"));
        form.put("title", SlackChannel.limit(message.title(), 250));
        form.put("message", SlackChannel.limit(message.text(), 1024));
        form.put("priority", priority);
        form.put("timestamp", Long.toString(message.at().getEpochSecond()));
        if (priority.equals("2")) {
            form.put("retry", "60");
            form.put("expire", "3600");
        }
        for (String optional : List.of("device", "sound")) {
            String value = settings.getOrDefault(optional, "");
            if (!value.isEmpty()) {
                form.put(optional, value);
            }
        }
        http.form(api + "/1/messages.json", form);
    }
}
