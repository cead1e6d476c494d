package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.monitor.check.Check;
import dev.holdfast.platform.monitor.check.CheckConfig;
import dev.holdfast.platform.monitor.check.CheckRequest;
import dev.holdfast.platform.monitor.check.CheckResult;
import dev.holdfast.platform.monitor.check.FieldErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * Backup freshness ({@code holdfast-backup}): DOWN when the newest successful backup of plan {@code plan} is older
 * than {@code maxAgeHours} (default {@value #DEFAULT_MAX_AGE_HOURS}), or when the plan has none. Reads what the
 * backups module reported (events kept by {@link BackupRuns}), so it costs one primary-key read.
 */
@Component
class BackupFreshnessCheck implements Check {

    static final String TYPE = "holdfast-backup";
    /** A daily plan with two hours of slack. */
    static final int DEFAULT_MAX_AGE_HOURS = 26;

    private final DSLContext db;

    BackupFreshnessCheck(DSLContext db) {
        this.db = db;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        String plan = config.string("plan");
        if (plan == null || plan.isBlank() || plan.length() > 200) {
            errors.add("config.plan", "the backup plan's name (1 to 200 characters) is required");
        }
        config.requireRange("maxAgeHours", 1, 24 * 366, errors);
    }

    @Override
    public String target(CheckConfig config) {
        return "backup plan " + config.string("plan", "");
    }

    @Override
    public CheckResult check(CheckRequest request) {
        String plan = request.config().string("plan", "");
        Duration maxAge = Duration.ofHours(request.config().integer("maxAgeHours", DEFAULT_MAX_AGE_HOURS));
        Record run = db.select(BR_SUCCESS_AT, BR_FAILURE_AT, BR_FAILURE).from(BACKUP_RUN).where(BR_PLAN.eq(plan)).fetchOne();
        if (run == null || run.get(BR_SUCCESS_AT) == null) {
            String failed = run == null || run.get(BR_FAILURE) == null ? "" : "; last failure: " + run.get(BR_FAILURE);
            return CheckResult.down(0, "no successful backup of " + plan + " yet" + failed);
        }
        Instant newest = Instant.ofEpochMilli(run.get(BR_SUCCESS_AT));
        Duration age = Duration.between(newest, request.now());
        String when = newest.truncatedTo(ChronoUnit.SECONDS) + " (" + hours(age) + " ago)";
        return age.compareTo(maxAge) > 0
                ? CheckResult.down(0, "newest successful backup of " + plan + " is older than " + maxAge.toHours() + " h: " + when)
                : CheckResult.up(0, "newest successful backup " + when);
    }

    private static String hours(Duration age) {
        return age.toHours() >= 1 ? age.toHours() + " h" : Math.max(0, age.toMinutes()) + " min";
    }
}
