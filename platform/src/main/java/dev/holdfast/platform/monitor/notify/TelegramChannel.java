package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Telegram: the Bot API's {@code sendMessage} ({@code POST /bot<token>/sendMessage}), plain text to a chat. */
@Component
class TelegramChannel implements NotificationChannel {

    private final HttpSender http;
    private final String api;

    TelegramChannel(HttpSender http, NotificationSettings settings) {
        this.http = http;
        this.api = settings.telegramUrl();
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public String displayName() {
        return "Telegram";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.text("botToken", "Bot token").secretValue().help("From @BotFather, e.g. 123456:ABC-DEF..."),
                ChannelSetting.text("chatId", "Chat id").help("A numeric id (groups start with -) or @channelname"),
                ChannelSetting.text("messageThreadId", "Topic (message thread) id").optional(),
                ChannelSetting.choice("silent", "Send silently", "false", "false", "true"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!settings.get("botToken").matches("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}")) {
            errors.put("botToken", "a bot token looks like 123456789:AAH... (digits, a colon, then letters)");
        }
        if (!settings.get("chatId").matches("-?[0-9]{1,20}|@[A-Za-z0-9_]{5,64}")) {
            errors.put("chatId", "a numeric chat id or @channelname");
        }
        String thread = settings.getOrDefault("messageThreadId", "");
        if (!thread.isEmpty() && !thread.matches("[0-9]{1,20}")) {
            errors.put("messageThreadId", "a number");
        }
        return errors;
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        String chat = settings.get("chatId");
        body.put("chat_id", chat.startsWith("@") ? chat : Long.parseLong(chat));
        body.put("text", message.title() + "\n\n" + message.text());
        String thread = settings.getOrDefault("messageThreadId", "");
        if (!thread.isEmpty()) {
            body.put("message_thread_id", Long.parseLong(thread));
        }
        body.put("disable_notification", "true".equals(settings.get("silent")));
        body.put("link_preview_options", Map.of("is_disabled", true));
        http.json("POST", api + "/bot" + settings.get("botToken") + "/sendMessage", body, Map.of());
    }
}
