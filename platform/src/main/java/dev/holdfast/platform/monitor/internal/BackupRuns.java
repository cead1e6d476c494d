package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;

import dev.holdfast.platform.backups.BackupCompleted;
import dev.holdfast.platform.backups.BackupFailed;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps what the backups module reports about each plan's runs in {@code monitor_backup_run}, for the
 * {@code holdfast-backup} checks. Runs inside the transaction that records the backup run (plain
 * {@code @EventListener}), so a run rolled back leaves no trace here. The first report of a plan makes its freshness
 * monitor ({@link SelfMonitoring#watchBackups}). Reports may come out of order: only a newer time replaces an older.
 */
@Component
class BackupRuns {

    private final DSLContext db;
    private final SelfMonitoring selfMonitoring;

    BackupRuns(DSLContext db, SelfMonitoring selfMonitoring) {
        this.db = db;
        this.selfMonitoring = selfMonitoring;
    }

    @EventListener
    void on(BackupCompleted event) {
        long at = event.finishedAt().toEpochMilli();
        if (firstReportOf(event.plan())) {
            selfMonitoring.watchBackups(event.plan());
        }
        db.update(BACKUP_RUN).set(BR_SUCCESS_AT, at)
                .where(BR_PLAN.eq(event.plan()).and(BR_SUCCESS_AT.isNull().or(BR_SUCCESS_AT.lt(at)))).execute();
    }

    @EventListener
    void on(BackupFailed event) {
        long at = event.failedAt().toEpochMilli();
        if (firstReportOf(event.plan())) {
            selfMonitoring.watchBackups(event.plan());
        }
        String cause = event.cause().length() > 250 ? event.cause().substring(0, 250) : event.cause();
        db.update(BACKUP_RUN).set(BR_FAILURE_AT, at).set(BR_FAILURE, cause)
                .where(BR_PLAN.eq(event.plan()).and(BR_FAILURE_AT.isNull().or(BR_FAILURE_AT.lt(at)))).execute();
    }

    /** Adds the plan's row; true when it was not there before. */
    private boolean firstReportOf(String plan) {
        return db.insertInto(BACKUP_RUN).set(BR_PLAN, plan).onConflictDoNothing().execute() == 1;
    }
}
