package dev.holdfast.platform.shared.jobs;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A job that runs on a cron schedule, once per due time across all nodes sharing the database. A module declares
 * it as a bean; the daemon schedules it at start and keeps one instance of it ({@value #INSTANCE}) in the database.
 * A failed run is retried with backoff up to the configured attempts, then waits for its next due time.
 *
 * @param name unique name, lower case, dotted by module, e.g. {@code identity.setup-token-cleanup}
 * @param cron a Spring-style cron expression with seconds ({@code 0 0 * * * *} hourly), or {@code -} for disabled
 * @param zone the time zone the cron expression is read in; null for {@code HOLDFAST_JOBS_TIME_ZONE}
 * @param handler the work; may be called on any node, on a virtual thread; must tolerate running again after a
 *     crash mid-run (at-least-once on failure, exactly once otherwise)
 */
public record RecurringJob(String name, String cron, @Nullable ZoneId zone, Handler handler) {

    /** The instance id db-scheduler gives the one instance of a recurring job. */
    public static final String INSTANCE = "recurring";

    public RecurringJob {
        JobNames.check(name);
        if (cron.isBlank()) {
            throw new IllegalArgumentException("cron expression of job " + name + " is blank; use - to disable it");
        }
    }

    /** A recurring job whose cron expression is read in the daemon's default time zone. */
    public RecurringJob(String name, String cron, Handler handler) {
        this(name, cron, null, handler);
    }

    /** What a recurring job does. Throwing marks the run failed; its message shows on the admin page. */
    @FunctionalInterface
    public interface Handler {
        void run() throws Exception;
    }
}
