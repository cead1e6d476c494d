package dev.holdfast.platform.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.MonitorState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrackerUnitTests {

    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private final Tracker tracker = new Tracker();

    private Tracker.Step check(boolean up, int secondsAfter, boolean maintenance) {
        return tracker.apply(up, up ? "HTTP 200" : "connection refused", T0.plusSeconds(secondsAfter), maintenance, 1,
                Duration.ofMinutes(10), "m1", "Shop", "http://shop");
    }

    @Test
    void remindsWhileDownEveryResendIntervalAndNotBetween() {
        assertThat(check(true, 0, false).state()).isEqualTo(MonitorState.UP);
        assertThat(check(false, 60, false).state()).as("one retry").isEqualTo(MonitorState.PENDING);
        Tracker.Step down = check(false, 120, false);
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.event()).isNotNull();
        assertThat(down.event().reminder()).isFalse();
        assertThat(down.openedIncident()).isNotNull();
        assertThat(check(false, 300, false).event()).as("five minutes later: no reminder yet").isNull();
        Tracker.Step reminder = check(false, 720, false);
        assertThat(reminder.event()).isNotNull();
        assertThat(reminder.event().reminder()).isTrue();
        assertThat(reminder.event().previous()).isEqualTo(MonitorState.DOWN);
        assertThat(check(false, 780, false).event()).isNull();
    }

    @Test
    void aMonitorDownBeforeMaintenanceKeepsItsIncidentAndRecoversOnce() {
        check(false, 0, false);
        Tracker.Step down = check(false, 60, false);
        String incident = down.openedIncident();
        Tracker.Step maintenance = check(false, 120, true);
        assertThat(maintenance.state()).isEqualTo(MonitorState.MAINTENANCE);
        assertThat(maintenance.event()).isNull();
        assertThat(check(false, 180, false).event()).as("still down after maintenance: no new DOWN").isNull();
        assertThat(tracker.state).isEqualTo(MonitorState.DOWN);
        Tracker.Step up = check(true, 240, false);
        assertThat(up.event().state()).isEqualTo(MonitorState.UP);
        assertThat(up.event().downFor()).isEqualTo(Duration.ofSeconds(180));
        assertThat(up.closedIncident()).isEqualTo(incident);
        assertThat(check(true, 300, false).event()).isNull();
    }

    @Test
    void maintenanceSuppressesDownOfAHealthyMonitor() {
        check(true, 0, false);
        for (int i = 1; i <= 5; i++) {
            assertThat(check(false, i * 60, true).event()).isNull();
        }
        assertThat(tracker.failures).isZero();
        assertThat(check(false, 360, false).state()).as("after maintenance the retries start afresh").isEqualTo(MonitorState.PENDING);
    }
}
