package dev.holdfast.platform.monitor.notify;

import java.util.Map;

class MatrixChannelContractTests extends NotificationChannelContractTests {

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new MatrixChannel(http);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("homeserverUrl", receiverUrl, "roomId", "!ops:matrix.example", "accessToken", "syt_s3cret_matrix");
    }

    @Override
    protected Expected expected(Message message) {
        Object body = switch (message.kind()) {
            case DOWN -> event(DOWN_TITLE, DOWN_TEXT, DOWN_TEXT);
            case UP -> event(UP_TITLE, UP_TEXT, UP_TEXT);
            default -> event(TEST_TITLE, TEST_TEXT,
                    "This is a test of the notification channel &quot;Ops room&quot; at 2026-11-30 05:00:00 UTC. "
                            + "If you can read it, Holdfast&#39;s alerts will reach you here.");
        };
        return Expected.json("PUT", "/_matrix/client/v3/rooms/%21ops%3Amatrix.example/send/m.room.message/holdfast-"
                + message.id(), body).withHeader("Authorization", "Bearer syt_s3cret_matrix");
    }

    private static Object event(String title, String text, String html) {
        return obj("msgtype", "m.text", "body", title + "\n" + text, "format", "org.matrix.custom.html",
                "formatted_body", "<strong>" + title + "</strong><br>" + html);
    }
}
