package dev.holdfast.platform.monitor.notify;

import java.util.Map;

class TelegramChannelContractTests extends NotificationChannelContractTests {

    static final String TOKEN = "123456789:AAHsecretTokenOfTheContractBot00";

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new TelegramChannel(http, settings);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("botToken", TOKEN, "chatId", "-1001234567890");
    }

    @Override
    protected Expected expected(Message message) {
        String text = switch (message.kind()) {
            case DOWN -> DOWN_TITLE + "\n\n" + DOWN_TEXT;
            case UP -> UP_TITLE + "\n\n" + UP_TEXT;
            default -> TEST_TITLE + "\n\n" + TEST_TEXT;
        };
        return Expected.json("POST", "/bot" + TOKEN + "/sendMessage", obj("chat_id", -1001234567890L, "text", text,
                "disable_notification", false, "link_preview_options", obj("is_disabled", true)));
    }
}
