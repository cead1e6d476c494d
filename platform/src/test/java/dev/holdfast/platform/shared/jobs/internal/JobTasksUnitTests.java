package dev.holdfast.platform.shared.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTasksUnitTests {

    private static final JobsSettings SETTINGS = new JobsSettings(null, null, null, null, null, null, null, null, "UTC", null, "test");
    private static final RunRecorder NO_HISTORY = new RunRecorder(null, Clock.systemUTC(), "test");

    @Test
    void rejectsTwoJobsWithOneName() {
        var recurring = new RecurringJob("crm.digest", "0 0 * * * *", () -> {});
        var oneOff = new OneOffJob<>("crm.digest", String.class, payload -> {});
        assertThatThrownBy(() -> new JobTasks(List.of(recurring), List.of(oneOff), SETTINGS, NO_HISTORY, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessage("two jobs are named crm.digest; job names must be unique");
    }

    @Test
    void rejectsACronExpressionThatDoesNotParseNamingTheJob() {
        var broken = new RecurringJob("crm.digest", "0 0 * * *", () -> {});
        assertThatThrownBy(() -> new JobTasks(List.of(broken), List.of(), SETTINGS, NO_HISTORY, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("job crm.digest has an invalid cron expression '0 0 * * *'");
    }

    @Test
    void knowsAOneOffJobOnlyWithItsDeclaredPayloadType() {
        var declared = new OneOffJob<>("crm.invite", String.class, payload -> {});
        var tasks = new JobTasks(List.of(), List.of(declared), SETTINGS, NO_HISTORY, Clock.systemUTC());
        assertThat(tasks.oneOff(declared)).isPresent();
        assertThat(tasks.oneOff(new OneOffJob<>("crm.invite", Integer.class, payload -> {}))).isEmpty();
        assertThat(tasks.oneOff(new OneOffJob<>("crm.other", String.class, payload -> {}))).isEmpty();
    }

    @Test
    void retryWaitDoublesWithEachFailedAttempt() {
        var retry = new RetryWithBackoff<Void>(5, Duration.ofSeconds(10), null, NO_HISTORY);
        Instant failed = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(retry.retryAt(failed, 1)).isEqualTo(failed.plusSeconds(10));
        assertThat(retry.retryAt(failed, 2)).isEqualTo(failed.plusSeconds(20));
        assertThat(retry.retryAt(failed, 4)).isEqualTo(failed.plusSeconds(80));
    }
}
