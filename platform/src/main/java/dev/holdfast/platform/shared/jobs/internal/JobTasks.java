package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The registry of every job the modules declared, as db-scheduler tasks: each run goes through the retry policy and
 * into the history. Rejects two jobs with one name, and a cron expression that does not parse, at start-up.
 */
class JobTasks {

    static final String MDC_KEY = "job";

    private final Map<String, OneTimeTask<?>> oneOff = new LinkedHashMap<>();
    private final Map<String, RecurringTask<Void>> recurring = new LinkedHashMap<>();
    private final JobsSettings settings;
    private final RunRecorder recorder;
    private final Clock clock;

    JobTasks(List<RecurringJob> recurringJobs, List<OneOffJob<?>> oneOffJobs, JobsSettings settings, RunRecorder recorder,
            Clock clock) {
        this.settings = settings;
        this.recorder = recorder;
        this.clock = clock;
        recurringJobs.forEach(job -> register(job.name(), recurring, recurringTask(job)));
        oneOffJobs.forEach(job -> register(job.name(), oneOff, oneOffTask(job)));
    }

    List<Task<?>> all() {
        List<Task<?>> all = new ArrayList<>(recurring.values());
        all.addAll(oneOff.values());
        return all;
    }

    List<Task<?>> oneOff() {
        return List.copyOf(oneOff.values());
    }

    List<RecurringTask<Void>> recurring() {
        return List.copyOf(recurring.values());
    }

    /** The task of a declared one-off job; empty if no bean declares one of that name and payload type. */
    @SuppressWarnings("unchecked")
    <T> Optional<OneTimeTask<T>> oneOff(OneOffJob<T> job) {
        OneTimeTask<?> task = oneOff.get(job.name());
        return task != null && task.getDataClass().equals(job.payloadType()) ? Optional.of((OneTimeTask<T>) task) : Optional.empty();
    }

    boolean knows(String name) {
        return recurring.containsKey(name) || oneOff.containsKey(name);
    }

    private <T extends Task<?>> void register(String name, Map<String, T> tasks, T task) {
        if (knows(name)) {
            throw new IllegalStateException("two jobs are named " + name + "; job names must be unique");
        }
        tasks.put(name, task);
    }

    private RecurringTask<Void> recurringTask(RecurringJob job) {
        Schedule schedule = schedule(job);
        return Tasks.recurring(job.name(), schedule)
                .onFailure(new RetryWithBackoff<>(settings.maxAttempts(), settings.retryBackoff(), schedule, recorder))
                .execute((instance, context) -> run(job.name(), context, job.handler()::run));
    }

    private <T> OneTimeTask<T> oneOffTask(OneOffJob<T> job) {
        return Tasks.oneTime(job.name(), job.payloadType())
                .onFailure(new RetryWithBackoff<>(settings.maxAttempts(), settings.retryBackoff(), null, recorder))
                .execute((instance, context) -> run(job.name(), context, () -> job.handler().run(instance.getData())));
    }

    private Schedule schedule(RecurringJob job) {
        try {
            return Schedules.cron(job.cron(), job.zone() == null ? settings.zone() : job.zone());
        } catch (RuntimeException e) {
            throw new IllegalStateException("job " + job.name() + " has an invalid cron expression '" + job.cron()
                    + "': expected six fields with seconds, e.g. '0 0 * * * *', or - for disabled", e);
        }
    }

    /** Runs a job's work with {@code job=<name>/<instance>} on its log lines, and records its success. */
    private void run(String name, ExecutionContext context, Work work) {
        Instant started = clock.instant();
        try (var mdc = MDC.putCloseable(MDC_KEY, name + "/" + context.getExecution().getId())) {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobFailedException(name, e);
        }
        recorder.succeeded(context.getExecution(), started);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
