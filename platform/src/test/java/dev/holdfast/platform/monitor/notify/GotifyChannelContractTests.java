package dev.holdfast.platform.monitor.notify;

import java.util.Map;

class GotifyChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new GotifyChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("serverUrl", receiverUrl + "/gotify", "token", "As3cretGotifyTok");
    }

    @Override
    protected Expected expected(Message message) {
        Object body = switch (message.kind()) {
            case DOWN -> obj("title", DOWN_TITLE, "message", DOWN_TEXT, "priority", 8);
            case UP -> obj("title", UP_TITLE, "message", UP_TEXT, "priority", 8);
            default -> obj("title", TEST_TITLE, "message", TEST_TEXT, "priority", 8);
        };
        return Expected.json("POST", "/gotify/message", body).withHeader("X-Gotify-Key", "As3cretGotifyTok");
    }
}
