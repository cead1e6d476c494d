package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.monitor.MonitorStateChanged;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each {@link MonitorStateChanged} worth telling (down, recovery, reminder) into one delivery job per channel
 * of the monitor (its own, or the default channels). It runs inside the publisher's transaction and only schedules:
 * the deliveries exist exactly when the state change commits, and a slow provider never holds up a check, since the
 * job daemon sends them on its own threads.
 */
@Component
class NotificationDispatch {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatch.class);

    private final Channels channels;
    private final Jobs jobs;
    private final OneOffJob<ChannelDeliveries.Delivery> delivery;

    NotificationDispatch(Channels channels, Jobs jobs, OneOffJob<ChannelDeliveries.Delivery> delivery) {
        this.channels = channels;
        this.jobs = jobs;
        this.delivery = delivery;
    }

    @EventListener
    void on(MonitorStateChanged event) {
        if (Message.of("", event) == null) {
            return;
        }
        for (Channel channel : channels.notifying(event.monitorId())) {
            Message message = java.util.Objects.requireNonNull(Message.of(UUID.randomUUID().toString(), event));
            jobs.enqueue(delivery, ChannelDeliveries.Delivery.of(channel.id(), message));
        }
        // a failure here (the database) fails the publisher's transaction too: the state change and its
        // notifications commit together or not at all
        log.debug("Notifications of monitor {} ({}) scheduled", event.monitorId(), event.state());
    }
}
