package dev.holdfast.platform.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageUnitTests {

    private static final Instant AT = Instant.parse("2026-11-30T05:00:00Z");

    @Test
    void tellsOfDownRecoveryAndRemindersOnly() {
        assertThat(Message.of("1", event(MonitorState.DOWN, MonitorState.UP, null, false)).kind()).isEqualTo(Message.Kind.DOWN);
        assertThat(Message.of("1", event(MonitorState.DOWN, MonitorState.DOWN, null, true)).title()).isEqualTo("Web is still DOWN");
        assertThat(Message.of("1", event(MonitorState.UP, MonitorState.DOWN, Duration.ofHours(26).plusMinutes(3), false)).text())
                .isEqualTo("Web (https://web.example) is UP again at 2026-11-30 05:00:00 UTC after 1d 2h 3m down: it said so");
        assertThat(Message.of("1", event(MonitorState.UP, MonitorState.PENDING, null, false))).as("a first check").isNull();
        assertThat(Message.of("1", event(MonitorState.PENDING, MonitorState.UP, null, false))).isNull();
        assertThat(Message.of("1", event(MonitorState.MAINTENANCE, MonitorState.DOWN, null, false))).isNull();
    }

    @Test
    void writesDurationsAsPeopleReadThem() {
        assertThat(Message.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Message.duration(Duration.ofSeconds(185))).isEqualTo("3m 5s");
        assertThat(Message.duration(Duration.ofSeconds(7210))).isEqualTo("2h 0m 10s");
    }

    private static MonitorStateChanged event(MonitorState state, MonitorState previous, Duration downFor, boolean reminder) {
        return new MonitorStateChanged("m", "Web", "https://web.example", state, previous, "it said so", AT, downFor, reminder);
    }
}
