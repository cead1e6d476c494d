package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Matrix: the client-server API's {@code PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}} with
 * {@code Authorization: Bearer <access token>} and an {@code m.text} event (plain body and HTML). The transaction id
 * is the delivery's id, so a retry after a lost answer does not post twice.
 */
@Component
class MatrixChannel implements NotificationChannel {

    private final HttpSender http;

    MatrixChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "matrix";
    }

    @Override
    public String displayName() {
        return "Matrix";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.url("homeserverUrl", "Homeserver URL").help("e.g. https://matrix.example.org"),
                ChannelSetting.text("roomId", "Room id").help("The internal id, e.g. !abcdef:example.org"),
                ChannelSetting.text("accessToken", "Access token").secretValue().help("Of the user that posts"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        return settings.get("roomId").matches("![^:\\s]+:[^\\s]+")
                ? Map.of() : Map.of("roomId", "a room id like !abcdef:example.org (not an #alias)");
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "m.text");
        body.put("body", message.title() + "\n" + message.text());
        body.put("format", "org.matrix.custom.html");
        body.put("formatted_body", "<strong>" + HtmlUtils.htmlEscape(message.title()) + "</strong><br>"
                + HtmlUtils.htmlEscape(message.text()));
        String url = HttpSender.base(settings.get("homeserverUrl")) + "/_matrix/client/v3/rooms/"
                + HttpSender.encode(settings.get("roomId")) + "/send/m.room.message/"
                + HttpSender.encode("holdfast-" + message.id());
        http.json("PUT", url, body, Map.of("Authorization", "Bearer " + settings.get("accessToken")));
    }
}
