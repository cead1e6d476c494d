package dev.holdfast.platform.shared.jobs.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run of a job, as the history keeps it.
 *
 * @param attempt 1 for the first try of a due time, counting up while it fails
 * @param error the failure's message, shortened to {@value JobRuns#MAX_ERROR} characters; null on success
 */
record JobRun(String job, String instance, String node, Instant scheduledFor, Instant startedAt, Instant finishedAt,
        int attempt, Outcome outcome, @Nullable String error) {

    enum Outcome {
        /** The run finished normally. */
        SUCCEEDED,
        /** The run failed and will be tried again. */
        FAILED,
        /** The run failed and there are no attempts left: a one-off job is dropped, a recurring one waits for its next due time. */
        GAVE_UP
    }
}
