package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Turns db-scheduler's view of a finished run into a history row. */
class RunRecorder {

    private final JobRuns runs;
    private final Clock clock;
    private final String node;

    RunRecorder(JobRuns runs, Clock clock, String node) {
        this.runs = runs;
        this.clock = clock;
        this.node = node;
    }

    void succeeded(Execution execution, Instant startedAt) {
        runs.record(new JobRun(execution.getTaskName(), execution.getId(), node(execution), execution.executionTime,
                startedAt, clock.instant(), execution.consecutiveFailures + 1, JobRun.Outcome.SUCCEEDED, null));
    }

    void failed(ExecutionComplete complete, int attempt, boolean gaveUp) {
        Execution execution = complete.getExecution();
        Instant finished = complete.getTimeDone();
        runs.record(new JobRun(execution.getTaskName(), execution.getId(), node(execution), execution.executionTime,
                finished.minus(complete.getDuration()), finished, attempt,
                gaveUp ? JobRun.Outcome.GAVE_UP : JobRun.Outcome.FAILED, describe(complete.getCause().orElse(null))));
    }

    private String node(Execution execution) {
        return execution.pickedBy == null ? node : execution.pickedBy;
    }

    /** The message of the failure the job's code raised (not our wrapper), with its type if it has no message. */
    static @Nullable String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return "failed without an exception";
        }
        Throwable cause = failure instanceof JobFailedException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + message;
    }
}
