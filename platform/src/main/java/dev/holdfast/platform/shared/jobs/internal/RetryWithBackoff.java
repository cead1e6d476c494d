package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What happens after a failed run: it is tried again after {@code backoff}, doubling with each further failure,
 * until {@code maxAttempts} tries have failed. Then a one-off job is dropped; a recurring job waits for its next due
 * time (and, still failing, is not retried in between, so a broken job does not hammer what it talks to). A retry of
 * a recurring job never waits past its next due time. Every failure is recorded in the history.
 */
class RetryWithBackoff<T> implements FailureHandler<T> {

    private final int maxAttempts;
    private final Duration backoff;
    private final @Nullable Schedule schedule;
    private final RunRecorder recorder;

    /**
     * @param schedule the recurring job's schedule, or null for a one-off job
     */
    RetryWithBackoff(int maxAttempts, Duration backoff, @Nullable Schedule schedule, RunRecorder recorder) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.schedule = schedule;
        this.recorder = recorder;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        int attempt = complete.getExecution().consecutiveFailures + 1;
        boolean retry = attempt < maxAttempts;
        recorder.failed(complete, attempt, !retry);
        if (retry) {
            operations.reschedule(complete, earliest(retryAt(complete.getTimeDone(), attempt), nextDue(complete)));
        } else if (schedule != null) {
            operations.reschedule(complete, schedule.getNextExecutionTime(complete));
        } else {
            operations.stop();
        }
    }

    /** When the retry after the given failed attempt (1-based) is due. */
    Instant retryAt(Instant failedAt, int attempt) {
        long factor = 1L << Math.min(attempt - 1, 30);
        return failedAt.plus(backoff.multipliedBy(factor));
    }

    private @Nullable Instant nextDue(ExecutionComplete complete) {
        return schedule == null ? null : schedule.getNextExecutionTime(complete);
    }

    private static Instant earliest(Instant retry, @Nullable Instant nextDue) {
        return nextDue != null && nextDue.isBefore(retry) ? nextDue : retry;
    }
}
