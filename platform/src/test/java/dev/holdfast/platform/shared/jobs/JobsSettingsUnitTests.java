package dev.holdfast.platform.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class JobsSettingsUnitTests {

    @Test
    void defaultsRunJobsHourlyHousekeepingAndFiveAttempts() {
        var settings = new JobsSettings(null, null, null, null, null, null, null, null, null, null, null);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.historyRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.housekeepingCron()).isEqualTo("0 0 * * * *");
        assertThat(settings.zone()).isEqualTo(ZoneId.systemDefault());
        assertThat(settings.nodeName()).isNotBlank().hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void rejectsEachBadSettingByItsEnvironmentVariable() {
        assertThatThrownBy(() -> new JobsSettings(null, 0, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_THREADS=0 is not valid");
        assertThatThrownBy(() -> new JobsSettings(null, null, Duration.ZERO, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_POLL_INTERVAL=");
        assertThatThrownBy(() -> new JobsSettings(null, null, null, null, 0, null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_MAX_ATTEMPTS=0");
        assertThatThrownBy(() -> new JobsSettings(null, null, null, null, null, null, null, "every hour", null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_HOUSEKEEPING_CRON=every hour");
        assertThatThrownBy(() -> new JobsSettings(null, null, null, null, null, null, null, null, "Mars/Olympus", null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_TIME_ZONE=Mars/Olympus");
        assertThatThrownBy(() -> new JobsSettings(null, null, null, null, null, null, null, null, null, null, "n".repeat(51)))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_JOBS_NODE_NAME=");
    }

    @Test
    void housekeepingCanBeSwitchedOffAndCronIsReadInTheConfiguredZone() {
        var settings = new JobsSettings(false, null, null, null, null, null, null, "-", "America/New_York", null, "web-1");
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.housekeepingCron()).isEqualTo("-");
        assertThat(settings.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(settings.nodeName()).isEqualTo("web-1");
    }
}
