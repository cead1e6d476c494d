package dev.holdfast.platform.shared.jobs;

import java.time.Instant;

/**
 * Schedules one-off jobs and runs any job now. Scheduling joins the caller's transaction if there is one, so a job
 * is scheduled exactly when the change that asked for it commits. Thread-safe.
 */
public interface Jobs {

    /**
     * Schedules a run of the job with the payload at the given time (a time in the past means as soon as possible),
     * under a new random instance id.
     *
     * @throws NoSuchJobException if no bean declares this job
     */
    <T> JobInstance schedule(OneOffJob<T> job, T payload, Instant when);

    /** Schedules a run of the job with the payload as soon as possible. */
    <T> JobInstance enqueue(OneOffJob<T> job, T payload);

    /**
     * Schedules a run under the caller's instance id unless one with that id is still scheduled; idempotent.
     *
     * @param instance at most 100 characters, e.g. the id of the record the job is about
     * @return false if an instance with that id was already scheduled (it is left as it is)
     */
    <T> boolean scheduleIfAbsent(OneOffJob<T> job, String instance, T payload, Instant when);

    /**
     * Makes a scheduled instance due now; a node picks it up at its next poll (this node at once).
     *
     * @throws NoSuchJobException if no such instance is scheduled
     * @throws JobRunningException if it is running right now
     */
    void runNow(JobInstance instance);

    /** Runs a recurring job now, in addition to its schedule; see {@link #runNow(JobInstance)}. */
    default void runNow(RecurringJob job) {
        runNow(new JobInstance(job.name(), RecurringJob.INSTANCE));
    }
}
