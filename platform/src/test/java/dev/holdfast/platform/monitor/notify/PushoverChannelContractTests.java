package dev.holdfast.platform.monitor.notify;

import java.util.LinkedHashMap;
import java.util.Map;

class PushoverChannelContractTests extends NotificationChannelContractTests {

    static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    static final String APP = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";

    @Override
    protected NotificationChannel channel(HttpSender http, NotificationSettings settings) {
        return new PushoverChannel(http, settings);
    }

    @Override
    protected Map<String, String> settings(String receiverUrl) {
        return Map.of("userKey", USER, "appToken", APP, "priority", "2", "sound", "siren");
    }

    @Override
    protected Expected expected(Message message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", APP);
        form.put("user", USER);
        switch (message.kind()) {
            case DOWN -> {
                form.put("title", DOWN_TITLE);
                form.put("message", DOWN_TEXT);
                form.put("priority", "2");
                form.put("timestamp", "1796014800");
                form.put("retry", "60");
                form.put("expire", "3600");
            }
            case UP -> {
                form.put("title", UP_TITLE);
                form.put("message", UP_TEXT);
                form.put("priority", "0");
                form.put("timestamp", "1796015525");
            }
            default -> {
                form.put("title", TEST_TITLE);
                form.put("message", TEST_TEXT);
                form.put("priority", "0");
                form.put("timestamp", "1796014800");
            }
        }
        form.put("sound", "siren");
        return Expected.form("/1/messages.json", form);
    }
}
