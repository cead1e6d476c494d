package dev.holdfast.platform.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.check.CheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerUnitTests {

    private static final long INTERVAL = 30_000;

    private static Monitor monitor(Monitor.MonitorId id) {
        return new Monitor(id, "m", "http", CheckConfig.of(Map.of("url", "http://x")), "http://x", Duration.ofMillis(INTERVAL),
                Duration.ofSeconds(10), 0, Duration.ofMillis(INTERVAL), Duration.ZERO, false, true, null, null, Instant.EPOCH);
    }

    @Test
    void aMonitorsPhaseIsTheSameOnEveryNodeAndAfterARestart() {
        Monitor monitor = monitor(Monitor.MonitorId.random());
        long now = 1_764_500_000_123L;
        long due = Scheduler.phase(monitor, now);
        assertThat(due).isGreaterThan(now).isLessThanOrEqualTo(now + INTERVAL);
        assertThat(Math.floorMod(due, INTERVAL)).isEqualTo(Scheduler.spread(monitor.id().value(), INTERVAL));
        assertThat(Scheduler.phase(monitor, now + 7_777)).as("seen later: the same slot or one interval on")
                .isIn(due, due + INTERVAL);
    }

    // the bug: monitors created together (one YAML import) were all first checked at once and kept that rhythm,
    // so 10,000 imported monitors ran in step every interval instead of spread over it
    @Test
    void monitorsCreatedTogetherSpreadOverTheInterval() {
        long now = 1_764_500_000_000L;
        int[] perSecond = new int[(int) (INTERVAL / 1000)];
        for (int i = 0; i < 3_000; i++) {
            long due = Scheduler.phase(monitor(Monitor.MonitorId.random()), now);
            perSecond[(int) ((due - now - 1) / 1000)]++;
        }
        for (int count : perSecond) {
            assertThat(count).as("checks due in each second of the interval (100 on average)").isBetween(50, 150);
        }
    }
}
