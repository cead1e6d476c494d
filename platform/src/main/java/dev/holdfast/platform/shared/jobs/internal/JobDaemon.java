package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.holdfast.platform.shared.database.Database;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.shared.database.DatabaseReady;
import dev.holdfast.platform.shared.jobs.JobInstance;
import dev.holdfast.platform.shared.jobs.JobRunningException;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.NoSuchJobException;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job daemon: one db-scheduler {@link Scheduler} over the shared database. It starts polling once the context
 * has started and the database is migrated ({@link DatabaseReady}), and stops, letting running jobs finish for
 * {@code HOLDFAST_JOBS_SHUTDOWN_WAIT}, when the context closes. Nodes coordinate only through the
 * {@code scheduled_tasks} table: a node claims a due instance by an update that only one node can win, so each due
 * run happens once however many nodes share the database. Jobs run on virtual threads, at most
 * {@code HOLDFAST_JOBS_THREADS} at once per node. A node with {@code HOLDFAST_JOBS_ENABLED=false} still schedules.
 * Runs are counted and timed per job in Micrometer ({@code dbscheduler_task_completions}, {@code dbscheduler_task_duration}).
 */
class JobDaemon implements Jobs, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobDaemon.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Scheduler scheduler;
    private final JobTasks tasks;
    private final JobsSettings settings;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean databaseReady;

    JobDaemon(DataSource dataSource, Database database, JobTasks tasks, JobsSettings settings, JsonMapper json, Clock clock,
            @Nullable MeterRegistry meters) {
        this.tasks = tasks;
        this.settings = settings;
        this.clock = clock;
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks.oneOff())
                .startTasks(tasks.recurring()) // also known tasks
                .jdbcCustomization(jdbcCustomization(database.kind()))
                .serializer(new JsonPayloads(json))
                .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
                .threads(settings.threads())
                .executorService(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("holdfast-job-", 0).factory()))
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .shutdownMaxWait(settings.shutdownWait())
                .failureLogging(LogLevel.WARN, true)
                .enableImmediateExecution();
        if (meters != null) {
            builder.statsRegistry(new MicrometerStatsRegistry(meters, tasks.all()));
        }
        if (database.kind() == DatabaseKind.POSTGRESQL) {
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        this.scheduler = builder.build();
        scheduler.registerSchedulerListener(new PauseWhileDatabaseAway(scheduler, dataSource, database,
                settings.pollInterval().compareTo(RECHECK) > 0 ? settings.pollInterval() : RECHECK));
    }

    /**
     * SQLite: see {@link SqliteJdbcCustomization}; it polls with fetch-then-lock. PostgreSQL: the library's own
     * customization, timestamps in UTC, claiming due rows with one {@code UPDATE ... FOR UPDATE SKIP LOCKED}.
     */
    private static JdbcCustomization jdbcCustomization(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> new SqliteJdbcCustomization();
            case POSTGRESQL -> new PostgreSqlJdbcCustomization(false, true);
        };
    }

    @EventListener
    void on(DatabaseReady event) {
        databaseReady = true;
        startPolling();
    }

    @Override
    public void start() {
        running = true;
        startPolling();
    }

    private void startPolling() {
        if (!running || !databaseReady || stopped.get()) {
            return;
        }
        if (!settings.enabled()) {
            log.info("Jobs are not run on this node (HOLDFAST_JOBS_ENABLED=false); it only schedules them");
            return;
        }
        if (started.compareAndSet(false, true)) {
            log.info("Job daemon {} starts: {} jobs, {} threads, polling every {}", settings.nodeName(),
                    tasks.all().size(), settings.threads(), settings.pollInterval());
            scheduler.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (stopped.compareAndSet(false, true)) {
            scheduler.stop();
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public <T> JobInstance schedule(OneOffJob<T> job, T payload, Instant when) {
        String instance = UUID.randomUUID().toString();
        scheduler.schedule(task(job).instance(instance, payload), when);
        wakeAfterCommit(when);
        return new JobInstance(job.name(), instance);
    }

    @Override
    public <T> JobInstance enqueue(OneOffJob<T> job, T payload) {
        return schedule(job, payload, clock.instant());
    }

    @Override
    public <T> boolean scheduleIfAbsent(OneOffJob<T> job, String instance, T payload, Instant when) {
        if (instance.isBlank() || instance.length() > 100) {
            throw new IllegalArgumentException("a job instance id must be 1 to 100 characters: " + instance);
        }
        boolean scheduled = scheduler.scheduleIfNotExists(task(job).instance(instance, payload), when);
        if (scheduled) {
            wakeAfterCommit(when);
        }
        return scheduled;
    }

    /**
     * A run due now that was scheduled inside a transaction is invisible to the scheduler's immediate check (it
     * looks before the commit), so it would wait for the next poll ({@code HOLDFAST_JOBS_POLL_INTERVAL}, 10 s by
     * default): look again once the transaction has committed.
     */
    private void wakeAfterCommit(Instant when) {
        if (when.isAfter(clock.instant()) || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (running) {
                    scheduler.triggerCheckForDueExecutions();
                }
            }
        });
    }

    @Override
    public void runNow(JobInstance instance) {
        if (!tasks.knows(instance.job())) {
            throw new NoSuchJobException("there is no job named " + instance.job());
        }
        try {
            if (!scheduler.reschedule(TaskInstanceId.of(instance.job(), instance.instance()), clock.instant())) {
                throw new JobRunningException(instance);
            }
        } catch (TaskInstanceNotFoundException e) {
            throw new NoSuchJobException("job " + instance + " is not scheduled");
        } catch (TaskInstanceCurrentlyExecutingException e) {
            throw new JobRunningException(instance);
        }
    }

    /** Every scheduled instance, running ones included, soonest first; at most {@code limit}. */
    List<ScheduledExecution<Object>> scheduled(int limit) {
        return scheduler.getScheduledExecutions(ScheduledExecutionsFilter.all().limit(limit));
    }

    /** Whether a bean declares a job of that name. */
    boolean knows(String job) {
        return tasks.knows(job);
    }

    private <T> OneTimeTask<T> task(OneOffJob<T> job) {
        return tasks.oneOff(job).orElseThrow(() -> new NoSuchJobException(
                "no bean declares a one-off job named " + job.name() + " with payload " + job.payloadType().getName()));
    }
}
