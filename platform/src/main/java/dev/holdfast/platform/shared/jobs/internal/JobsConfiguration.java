package dev.holdfast.platform.shared.jobs.internal;

import dev.holdfast.platform.shared.database.Database;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.shared.web.NavigationItem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the job daemon from the jobs the modules declare, and declares the kernel's own housekeeping job. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobsConfiguration.class);

    @Bean
    JobDaemon jobDaemon(DataSource dataSource, Database database, ObjectProvider<RecurringJob> recurring,
            ObjectProvider<OneOffJob<?>> oneOff, JobsSettings settings, JobRuns runs, ObjectProvider<JsonMapper> json,
            Clock clock, ObjectProvider<MeterRegistry> meters) {
        var recorder = new RunRecorder(runs, clock, settings.nodeName());
        var tasks = new JobTasks(recurring.orderedStream().toList(), oneOff.orderedStream().toList(), settings, recorder, clock);
        return new JobDaemon(dataSource, database, tasks, settings, json.getIfAvailable(() -> JsonMapper.builder().build()), clock,
                meters.getIfAvailable());
    }

    /** Housekeeping: forgets job runs older than {@code HOLDFAST_JOBS_HISTORY_RETENTION}. */
    @Bean
    RecurringJob jobHistoryCleanup(JobRuns runs, JobsSettings settings, Clock clock) {
        return new RecurringJob("shared.job-history-cleanup", settings.housekeepingCron(), () -> {
            int removed = runs.removeFinishedBefore(clock.instant().minus(settings.historyRetention()));
            if (removed > 0) {
                log.info("Removed {} job runs older than {} from the history", removed, settings.historyRetention());
            }
        });
    }

    @Bean
    NavigationItem jobsNavigation() {
        return new NavigationItem("Jobs", "/admin/jobs", 90, true);
    }
}
