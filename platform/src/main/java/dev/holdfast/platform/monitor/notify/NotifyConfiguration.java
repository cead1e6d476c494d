package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery and cleanup jobs and the admin API's paths (under identity's API rules: admin session with CSRF header, or a token). */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    ChannelDeliveries channelDeliveries(Channels channels, ChannelRegistry registry, DSLContext db, Clock clock, JobsSettings jobs) {
        return new ChannelDeliveries(channels, registry, db, clock, jobs);
    }

    @Bean
    OneOffJob<ChannelDeliveries.Delivery> monitorNotificationDelivery(ChannelDeliveries deliveries) {
        return deliveries.job;
    }

    /** Forgets delivery attempts past {@code HOLDFAST_MONITOR_NOTIFICATIONS_HISTORY_RETENTION}, with the other housekeeping. */
    @Bean
    RecurringJob monitorNotificationHistoryCleanup(ChannelDeliveries deliveries, NotificationSettings settings,
            JobsSettings jobs, Clock clock) {
        return new RecurringJob("monitor.notification-history-cleanup", jobs.housekeepingCron(),
                () -> deliveries.removeOlderThan(clock.instant().minus(settings.historyRetention())));
    }
}
