package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import dev.holdfast.platform.shared.jobs.JobInstance;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.internal.JobsPage.GaveUp;
import dev.holdfast.platform.shared.jobs.internal.JobsPage.Row;
import dev.holdfast.platform.shared.jobs.internal.JobsPage.Status;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads the scheduled jobs and their history into what the jobs page shows. */
@Component
class JobsBoard {

    static final int MAX_ROWS = 500;
    static final int MAX_GAVE_UP = 20;

    private final JobDaemon daemon;
    private final JobRuns runs;
    private final DateTimeFormatter format;
    private final String zone;

    JobsBoard(JobDaemon daemon, JobRuns runs, JobsSettings settings) {
        this.daemon = daemon;
        this.runs = runs;
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(settings.zone());
        this.zone = settings.zone().getId();
    }

    JobsPage page(@Nullable String notice, @Nullable String problem) {
        List<ScheduledExecution<Object>> scheduled = daemon.scheduled(MAX_ROWS);
        List<JobInstance> failing = scheduled.stream().filter(e -> e.getConsecutiveFailures() > 0).map(JobsBoard::instance).toList();
        Map<JobInstance, JobRun> lastFailures = runs.lastFailures(failing);
        List<Row> rows = scheduled.stream()
                .map(execution -> row(execution, lastFailures.get(instance(execution))))
                .sorted(Comparator.comparing(Row::status))
                .toList();
        List<GaveUp> gaveUp = runs.gaveUp(MAX_GAVE_UP).stream()
                .map(run -> new GaveUp(run.job(), run.instance(), format(run.finishedAt()), run.attempt(), run.node(),
                        run.error() == null ? "" : run.error()))
                .toList();
        return new JobsPage(zone, rows, gaveUp, notice, problem);
    }

    private Row row(ScheduledExecution<Object> execution, @Nullable JobRun lastFailure) {
        Status status = execution.isPicked() ? Status.RUNNING
                : execution.getConsecutiveFailures() > 0 ? Status.FAILING : Status.SCHEDULED;
        String job = execution.getTaskInstance().getTaskName();
        return new Row(job, execution.getTaskInstance().getId(), status,
                status == Status.RUNNING ? "now" : format(execution.getExecutionTime()),
                format(execution.getLastSuccess()), format(execution.getLastFailure()), execution.getConsecutiveFailures(),
                execution.isPicked() && execution.getPickedBy() != null ? execution.getPickedBy() : "",
                lastFailure == null || lastFailure.error() == null ? "" : lastFailure.error(),
                !execution.isPicked() && daemon.knows(job));
    }

    private String format(@Nullable Instant instant) {
        return instant == null ? "" : format.format(instant);
    }

    private static JobInstance instance(ScheduledExecution<Object> execution) {
        return new JobInstance(execution.getTaskInstance().getTaskName(), execution.getTaskInstance().getId());
    }
}
