package dev.holdfast.platform.shared.jobs;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the job daemon.
 *
 * @param enabled whether this node runs jobs ({@code HOLDFAST_JOBS_ENABLED}, default true); a node with false still
 *     schedules jobs for the others
 * @param threads how many jobs this node runs at once ({@code HOLDFAST_JOBS_THREADS}, default 4)
 * @param pollInterval how often this node looks for due jobs ({@code HOLDFAST_JOBS_POLL_INTERVAL}, default 10s)
 * @param heartbeatInterval how often a running job's node says it is alive; a job whose node missed six heartbeats
 *     is run again elsewhere ({@code HOLDFAST_JOBS_HEARTBEAT_INTERVAL}, default 1m)
 * @param maxAttempts how often a failing run is tried before a one-off job is dropped or a recurring one waits for
 *     its next due time ({@code HOLDFAST_JOBS_MAX_ATTEMPTS}, default 5)
 * @param retryBackoff the wait before the first retry; it doubles with each further failure
 *     ({@code HOLDFAST_JOBS_RETRY_BACKOFF}, default 1m)
 * @param historyRetention how long the history of job runs is kept ({@code HOLDFAST_JOBS_HISTORY_RETENTION},
 *     default 30d)
 * @param housekeepingCron when housekeeping jobs run: cron with seconds, or {@code -} for never
 *     ({@code HOLDFAST_JOBS_HOUSEKEEPING_CRON}, default {@code 0 0 * * * *}, hourly)
 * @param timeZone the zone cron expressions are read in unless a job names its own ({@code HOLDFAST_JOBS_TIME_ZONE},
 *     default the system's zone)
 * @param shutdownWait how long stopping waits for running jobs before interrupting them
 *     ({@code HOLDFAST_JOBS_SHUTDOWN_WAIT}, default 30s)
 * @param nodeName this node's name in the job tables, at most 50 characters ({@code HOLDFAST_JOBS_NODE_NAME},
 *     default the host name and a random suffix)
 */
@ConfigurationProperties("holdfast.jobs")
public record JobsSettings(
        @Nullable Boolean enabled,
        @Nullable Integer threads,
        @Nullable Duration pollInterval,
        @Nullable Duration heartbeatInterval,
        @Nullable Integer maxAttempts,
        @Nullable Duration retryBackoff,
        @Nullable Duration historyRetention,
        @Nullable String housekeepingCron,
        @Nullable String timeZone,
        @Nullable Duration shutdownWait,
        @Nullable String nodeName) {

    public JobsSettings {
        enabled = enabled == null || enabled;
        threads = positive("HOLDFAST_JOBS_THREADS", threads == null ? 4 : threads);
        pollInterval = positive("HOLDFAST_JOBS_POLL_INTERVAL", pollInterval == null ? Duration.ofSeconds(10) : pollInterval);
        heartbeatInterval = positive("HOLDFAST_JOBS_HEARTBEAT_INTERVAL",
                heartbeatInterval == null ? Duration.ofMinutes(1) : heartbeatInterval);
        maxAttempts = positive("HOLDFAST_JOBS_MAX_ATTEMPTS", maxAttempts == null ? 5 : maxAttempts);
        retryBackoff = positive("HOLDFAST_JOBS_RETRY_BACKOFF", retryBackoff == null ? Duration.ofMinutes(1) : retryBackoff);
        historyRetention = positive("HOLDFAST_JOBS_HISTORY_RETENTION",
                historyRetention == null ? Duration.ofDays(30) : historyRetention);
        housekeepingCron = housekeepingCron == null || housekeepingCron.isBlank() ? "0 0 * * * *" : housekeepingCron.strip();
        timeZone = timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault().getId() : timeZone.strip();
        shutdownWait = shutdownWait == null ? Duration.ofSeconds(30) : shutdownWait;
        nodeName = nodeName == null || nodeName.isBlank() ? defaultNodeName() : nodeName.strip();
        zone(timeZone);
        checkCron(housekeepingCron, zone(timeZone));
        if (nodeName.length() > 50) {
            throw new InvalidSettingException("HOLDFAST_JOBS_NODE_NAME", nodeName, "at most 50 characters");
        }
    }

    /** The zone cron expressions are read in unless a job names its own. */
    public ZoneId zone() {
        return zone(timeZone());
    }

    private static ZoneId zone(@Nullable String id) {
        try {
            return ZoneId.of(String.valueOf(id));
        } catch (RuntimeException e) {
            throw new InvalidSettingException("HOLDFAST_JOBS_TIME_ZONE", String.valueOf(id), "a time zone id such as UTC or Europe/Berlin");
        }
    }

    private static void checkCron(String cron, ZoneId zone) {
        try {
            new CronSchedule(cron, zone);
        } catch (RuntimeException e) {
            throw new InvalidSettingException("HOLDFAST_JOBS_HOUSEKEEPING_CRON", cron,
                    "a cron expression with seconds such as '0 0 * * * *', or - for never");
        }
    }

    private static int positive(String setting, int value) {
        if (value < 1) {
            throw new InvalidSettingException(setting, String.valueOf(value), "a whole number of 1 or more");
        }
        return value;
    }

    private static Duration positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(setting, value.toString(), "a positive duration such as 500ms, 10s or 2h");
        }
        return value;
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "node";
        }
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        host = host.toLowerCase(Locale.ROOT);
        return (host.length() > 44 ? host.substring(0, 44) : host) + "-" + suffix;
    }
}
