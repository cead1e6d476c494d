package dev.holdfast.platform.shared.jobs.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.shared.jobs.JobInstance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The history of job runs ({@code shared_job_run}): what ran where, how it ended, and why it failed. Thread-safe. */
@Component
class JobRuns {

    static final int MAX_ERROR = 2000;

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private static final Table<Record> RUN = table(name("shared_job_run"));
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<String> JOB = field(name("job"), String.class);
    private static final Field<String> INSTANCE = field(name("instance"), String.class);
    private static final Field<String> NODE = field(name("node"), String.class);
    private static final Field<Long> SCHEDULED_FOR = field(name("scheduled_for"), Long.class);
    private static final Field<Long> STARTED_AT = field(name("started_at"), Long.class);
    private static final Field<Long> FINISHED_AT = field(name("finished_at"), Long.class);
    private static final Field<Integer> ATTEMPT = field(name("attempt"), Integer.class);
    private static final Field<String> OUTCOME = field(name("outcome"), String.class);
    private static final Field<String> ERROR = field(name("error"), String.class);

    private final DSLContext db;

    JobRuns(DSLContext db) {
        this.db = db;
    }

    /** Adds a run to the history. Never throws: a lost history row must not fail (and so repeat) the job. */
    void record(JobRun run) {
        try {
            db.insertInto(RUN)
                    .set(ID, UUID.randomUUID().toString())
                    .set(JOB, run.job())
                    .set(INSTANCE, run.instance())
                    .set(NODE, run.node())
                    .set(SCHEDULED_FOR, run.scheduledFor().toEpochMilli())
                    .set(STARTED_AT, run.startedAt().toEpochMilli())
                    .set(FINISHED_AT, run.finishedAt().toEpochMilli())
                    .set(ATTEMPT, run.attempt())
                    .set(OUTCOME, run.outcome().name())
                    .set(ERROR, shorten(run.error()))
                    .execute();
        } catch (RuntimeException e) {
            log.warn("Could not record the run of job {}/{} ({}) in the history: {}", run.job(), run.instance(),
                    run.outcome(), e.getMessage());
        }
    }

    /** The latest failed run of each instance that failed since it last succeeded, by instance. */
    Map<JobInstance, JobRun> lastFailures(List<JobInstance> instances) {
        Map<JobInstance, JobRun> failures = new LinkedHashMap<>();
        for (JobInstance instance : instances) {
            db.selectFrom(RUN)
                    .where(JOB.eq(instance.job()).and(INSTANCE.eq(instance.instance())))
                    .orderBy(FINISHED_AT.desc())
                    .limit(1)
                    .fetchOptional()
                    .map(JobRuns::toRun)
                    .filter(run -> run.outcome() != JobRun.Outcome.SUCCEEDED)
                    .ifPresent(run -> failures.put(instance, run));
        }
        return failures;
    }

    /** The latest runs that gave up, newest first. */
    List<JobRun> gaveUp(int limit) {
        return db.selectFrom(RUN).where(OUTCOME.eq(JobRun.Outcome.GAVE_UP.name()))
                .orderBy(FINISHED_AT.desc()).limit(limit).fetch(JobRuns::toRun);
    }

    /** Removes runs that finished before the instant; returns how many. */
    int removeFinishedBefore(Instant instant) {
        return db.deleteFrom(RUN).where(FINISHED_AT.lt(instant.toEpochMilli())).execute();
    }

    static @Nullable String shorten(@Nullable String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    private static JobRun toRun(Record row) {
        return new JobRun(row.get(JOB), row.get(INSTANCE), row.get(NODE), Instant.ofEpochMilli(row.get(SCHEDULED_FOR)),
                Instant.ofEpochMilli(row.get(STARTED_AT)), Instant.ofEpochMilli(row.get(FINISHED_AT)), row.get(ATTEMPT),
                JobRun.Outcome.valueOf(row.get(OUTCOME)), row.get(ERROR));
    }
}
