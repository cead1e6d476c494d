package dev.holdfast.platform.monitor.notify;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages through configured channels and records every attempt ({@code monitor_notification_delivery}).
 * A state change becomes one {@link #job} run per channel; a failure worth retrying (5xx, 429, timeout, no
 * connection) fails the run, so the job daemon tries again with its backoff ({@code HOLDFAST_JOBS_RETRY_BACKOFF},
 * doubling) up to {@code HOLDFAST_JOBS_MAX_ATTEMPTS}; a refusal (4xx, bad settings) is recorded and not retried.
 * Logs name the channel and monitor, never settings.
 */
class ChannelDeliveries {

    private static final Logger log = LoggerFactory.getLogger(ChannelDeliveries.class);

    static final Table<Record> DELIVERY = table(name("monitor_notification_delivery"));
    static final Field<String> DELIVERY_ID = field(name("delivery_id"), String.class);
    static final Field<Integer> ATTEMPT = field(name("attempt"), Integer.class);
    static final Field<String> CHANNEL_ID = field(name("channel_id"), String.class);
    static final Field<String> MONITOR_ID = field(name("monitor_id"), String.class);
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<String> OUTCOME = field(name("outcome"), String.class);
    static final Field<Integer> STATUS = field(name("status"), Integer.class);
    static final Field<String> ERROR = field(name("error"), String.class);
    static final Field<Long> AT = field(name("at"), Long.class);

    /** One message for one channel, as the job stores it (plain values, JSON). */
    record Delivery(String deliveryId, String channelId, String kind, String monitorId, String monitorName,
            String target, String cause, long atMillis, @Nullable Long downForMillis) {

        static Delivery of(String channelId, Message message) {
            return new Delivery(message.id(), channelId, message.kind().name(), message.monitorId(), message.monitorName(),
                    message.target(), message.cause(), message.at().toEpochMilli(),
                    message.downFor() == null ? null : message.downFor().toMillis());
        }

        Message message() {
            return new Message(deliveryId, Message.Kind.valueOf(kind), monitorId, monitorName, target, cause,
                    Instant.ofEpochMilli(atMillis), downForMillis == null ? null : Duration.ofMillis(downForMillis));
        }
    }

    /** One recorded attempt. */
    record Attempt(String deliveryId, int attempt, String channelId, String monitorId, String kind, String outcome,
            @Nullable Integer status, @Nullable String error, Instant at) {}

    final OneOffJob<Delivery> job = new OneOffJob<>("monitor.notification-delivery", Delivery.class, this::deliver);

    private final Channels channels;
    private final ChannelRegistry registry;
    private final DSLContext db;
    private final Clock clock;
    private final int maxAttempts;

    ChannelDeliveries(Channels channels, ChannelRegistry registry, DSLContext db, Clock clock, JobsSettings jobs) {
        this.channels = channels;
        this.registry = registry;
        this.db = db;
        this.clock = clock;
        this.maxAttempts = jobs.maxAttempts();
    }

    /** The job's work: one attempt; throws (so the daemon retries) only when another attempt may succeed. */
    void deliver(Delivery delivery) {
        if (db.fetchExists(DELIVERY, DELIVERY_ID.eq(delivery.deliveryId()).and(OUTCOME.eq("SENT")))) {
            return; // a repeat after a crash between sending and finishing the run
        }
        int attempt = attempts(delivery.deliveryId()) + 1;
        Optional<Channel> channel = channels.find(delivery.channelId());
        if (channel.isEmpty()) {
            record(delivery, attempt, "FAILED", null, "the channel was deleted");
            return;
        }
        try {
            send(channel.get(), delivery.message());
            record(delivery, attempt, "SENT", null, null);
            log.info("Notification {} of monitor {} sent through channel \"{}\" (delivery {}, attempt {})", delivery.kind(),
                    delivery.monitorId(), channel.get().name(), delivery.deliveryId(), attempt);
        } catch (DeliveryFailedException e) {
            boolean again = e.retryable() && attempt < maxAttempts;
            record(delivery, attempt, again ? "RETRYING" : "FAILED", e.status(), e.getMessage());
            log.warn("Notification {} of monitor {} through channel \"{}\" failed (attempt {}{}): {}", delivery.kind(),
                    delivery.monitorId(), channel.get().name(), attempt, again ? ", will retry" : ", given up", e.getMessage());
            if (again) {
                throw e;
            }
        }
    }

    /**
     * Sends a test message through the channel now and records the attempt.
     *
     * @throws DeliveryFailedException when it did not arrive
     */
    void sendTest(Channel channel) {
        Message message = Message.test(UUID.randomUUID().toString(), channel.name(), clock.instant());
        Delivery delivery = Delivery.of(channel.id(), message);
        try {
            send(channel, message);
            record(delivery, 1, "SENT", null, null);
        } catch (DeliveryFailedException e) {
            record(delivery, 1, "FAILED", e.status(), e.getMessage());
            throw e;
        }
    }

    /** The channel's latest attempts, newest first. */
    List<Attempt> recent(String channelId, int limit) {
        return db.selectFrom(DELIVERY).where(CHANNEL_ID.eq(channelId)).orderBy(AT.desc(), ATTEMPT.desc()).limit(limit)
                .fetch(row -> new Attempt(row.get(DELIVERY_ID), row.get(ATTEMPT), row.get(CHANNEL_ID), row.get(MONITOR_ID),
                        row.get(KIND), row.get(OUTCOME), row.get(STATUS), row.get(ERROR), Instant.ofEpochMilli(row.get(AT))));
    }

    /** Deletes attempts recorded before {@code cutoff}; returns how many. */
    int removeOlderThan(Instant cutoff) {
        return db.deleteFrom(DELIVERY).where(AT.lt(cutoff.toEpochMilli())).execute();
    }

    private void send(Channel channel, Message message) {
        NotificationChannel type = registry.find(channel.type()).orElseThrow(() ->
                new DeliveryFailedException("this Holdfast does not know the channel type " + channel.type(), null, false));
        try {
            type.send(channel.settings(), message);
        } catch (DeliveryFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bug or settings from an older version: say what kind, not what (the message might quote a setting)
            throw new DeliveryFailedException("the channel could not send (" + e.getClass().getSimpleName() + ")", null, false);
        }
    }

    private int attempts(String deliveryId) {
        return db.fetchCount(DELIVERY, DELIVERY_ID.eq(deliveryId));
    }

    private void record(Delivery delivery, int attempt, String outcome, @Nullable Integer status, @Nullable String error) {
        db.insertInto(DELIVERY).set(DELIVERY_ID, delivery.deliveryId()).set(ATTEMPT, attempt)
                .set(CHANNEL_ID, delivery.channelId()).set(MONITOR_ID, delivery.monitorId()).set(KIND, delivery.kind())
                .set(OUTCOME, outcome).set(STATUS, status)
                .set(ERROR, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .set(AT, clock.millis()).execute();
    }
}
