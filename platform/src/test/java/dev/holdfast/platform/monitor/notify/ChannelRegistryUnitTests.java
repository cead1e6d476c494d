package dev.holdfast.platform.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRegistryUnitTests {

    private final HttpSender http = new HttpSender(NotificationSettings.allAt("http://127.0.0.1:1", Duration.ofSeconds(1)));

    @Test
    void refusesTwoChannelTypesWithTheSameKey() {
        assertThatThrownBy(() -> new ChannelRegistry(List.of(new SlackChannel(http), new SlackChannel(http))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("slack");
    }

    @Test
    void fillsInDefaultsAndRefusesUnknownOrMalformedSettings() {
        NtfyChannel ntfy = new NtfyChannel(http);
        ChannelRegistry registry = new ChannelRegistry(List.of(ntfy, new WebhookChannel(http)));

        assertThat(registry.check(ntfy, Map.of("topic", " alerts "))).containsEntry("serverUrl", "https://ntfy.sh")
                .containsEntry("topic", "alerts").containsEntry("priority", "4");
        assertThatThrownBy(() -> registry.check(ntfy, Map.of("topic", "alerts", "color", "red")))
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.errors()).containsKey("settings.color"));
        assertThatThrownBy(() -> registry.check(ntfy, Map.of("topic", "alerts", "priority", "9")))
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.errors()).containsKey("settings.priority"));
        assertThatThrownBy(() -> registry.check(ntfy, Map.of("topic", "no spaces please")))
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.errors()).containsKey("settings.topic"));
        assertThatThrownBy(() -> registry.check(registry.find("webhook").orElseThrow(),
                Map.of("url", "https://h.example", "headers", "Host: evil.example")))
                .isInstanceOfSatisfying(InvalidChannelException.class, e -> assertThat(e.errors()).containsKey("settings.headers"));
    }
}
