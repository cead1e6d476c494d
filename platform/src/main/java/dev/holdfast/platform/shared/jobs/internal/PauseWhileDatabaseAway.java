package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import dev.holdfast.platform.shared.database.Database;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses polling when a poll failed because the database went away, instead of logging a stack trace at every poll,
 * and resumes when the database answers again. Each change is one log line.
 */
class PauseWhileDatabaseAway extends AbstractSchedulerListener {

    private static final Logger log = LoggerFactory.getLogger(PauseWhileDatabaseAway.class);

    private final Scheduler scheduler;
    private final DataSource dataSource;
    private final Database database;
    private final Duration recheck;
    private final AtomicBoolean paused = new AtomicBoolean();

    PauseWhileDatabaseAway(Scheduler scheduler, DataSource dataSource, Database database, Duration recheck) {
        this.scheduler = scheduler;
        this.dataSource = dataSource;
        this.database = database;
        this.recheck = recheck;
    }

    @Override
    public void onSchedulerEvent(SchedulerEventType type) {
        if (type == SchedulerEventType.UNEXPECTED_ERROR && !reachable() && paused.compareAndSet(false, true)) {
            scheduler.pause();
            log.warn("Database {} is unreachable; the job daemon pauses and checks again every {} ms",
                    database.displayUrl(), recheck.toMillis());
            Thread.ofVirtual().name("holdfast-jobs-resume").start(this::resumeWhenReachable);
        }
    }

    private void resumeWhenReachable() {
        while (!scheduler.getSchedulerState().isShuttingDown()) {
            try {
                Thread.sleep(recheck);
            } catch (InterruptedException e) {
                return;
            }
            if (reachable()) {
                paused.set(false);
                scheduler.resume();
                log.info("Database {} is reachable again; the job daemon resumes", database.displayUrl());
                return;
            }
        }
    }

    private boolean reachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
