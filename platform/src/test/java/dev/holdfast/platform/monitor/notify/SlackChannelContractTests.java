package dev.holdfast.platform.monitor.notify;

import java.util.List;
import java.util.Map;

class SlackChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new SlackChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("webhookUrl", receiverUrl + "/services/T000/B000/s3cretSlackHookPart");
    }

    @Override
    protected void answerSuccess(HttpReceiver receiver) {
        receiver.answer(200, "ok");
    }

    @Override
    protected Expected expected(Message message) {
        String title = switch (message.kind()) {
            case DOWN -> DOWN_TITLE;
            case UP -> UP_TITLE;
            default -> TEST_TITLE;
        };
        String text = switch (message.kind()) {
            case DOWN -> DOWN_TEXT;
            case UP -> UP_TEXT;
            default -> TEST_TEXT;
        };
        List<Object> context = switch (message.kind()) {
            case UP -> List.of(plain("Target: https://shop.example/health"), plain("Down for: 12m 5s"));
            case TEST -> List.of(plain("Target: Holdfast"));
            default -> List.of(plain("Target: https://shop.example/health"));
        };
        return Expected.json("POST", "/services/T000/B000/s3cretSlackHookPart", obj("text", title + ": " + text,
                "blocks", List.of(obj("type", "header", "text", plain(title)), obj("type", "section", "text", plain(text)),
                        obj("type", "context", "elements", context))));
    }

    private static Object plain(String text) {
        return obj("type", "plain_text", "text", text, "emoji", true);
    }
}
