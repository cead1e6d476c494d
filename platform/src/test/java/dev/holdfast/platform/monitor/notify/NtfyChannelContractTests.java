package dev.holdfast.platform.monitor.notify;

import java.util.Map;

class NtfyChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new NtfyChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("serverUrl", receiverUrl + "/", "topic", "holdfast-alerts", "priority", "5", "accessToken", "tk_s3cretntfytoken");
    }

    @Override
    protected Expected expected(Message message) {
        Expected text = switch (message.kind()) {
            case DOWN -> text(DOWN_TEXT).withHeader("Title", DOWN_TITLE).withHeader("Priority", "5")
                    .withHeader("Tags", "rotating_light,holdfast");
            case UP -> text(UP_TEXT).withHeader("Title", UP_TITLE).withHeader("Priority", "3")
                    .withHeader("Tags", "white_check_mark,holdfast");
            default -> text(TEST_TEXT).withHeader("Title", TEST_TITLE).withHeader("Priority", "3")
                    .withHeader("Tags", "test_tube,holdfast");
        };
        return text.withHeader("Authorization", "Bearer tk_s3cretntfytoken");
    }

    private static Expected text(String body) {
        return new Expected("POST", "/holdfast-alerts", Map.of("Content-Type", "text/plain; charset=utf-8"),
                Expected.Kind.TEXT, body);
    }
}
