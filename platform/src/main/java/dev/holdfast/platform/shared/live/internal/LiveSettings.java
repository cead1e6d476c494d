package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the live-update channel.
 *
 * @param replayBuffer how many recent events each node keeps to replay to a browser that reconnects
 *     ({@code HOLDFAST_LIVE_REPLAY_BUFFER}, default 1000; 0 turns replay off: reconnecting browsers are told to refresh)
 * @param maxPayload largest event (topic, kind and data as JSON) a module may publish ({@code HOLDFAST_LIVE_MAX_PAYLOAD},
 *     default 2KB, at most 7000B so that it always fits PostgreSQL's 8000-byte NOTIFY limit)
 * @param maxSubscriptions most topics one browser connection may subscribe to ({@code HOLDFAST_LIVE_MAX_SUBSCRIPTIONS},
 *     default 200)
 * @param sendBuffer most messages queued for one slow browser before it is disconnected (it reconnects and resumes)
 *     ({@code HOLDFAST_LIVE_SEND_BUFFER}, default 1000)
 * @param listenerBackoffMax longest wait between attempts to re-open the PostgreSQL listener connection
 *     ({@code HOLDFAST_LIVE_LISTENER_BACKOFF_MAX}, default 30s; the first retry is after 250ms)
 */
@ConfigurationProperties("holdfast.live")
record LiveSettings(@Nullable Integer replayBuffer, @Nullable DataSize maxPayload, @Nullable Integer maxSubscriptions,
        @Nullable Integer sendBuffer, @Nullable Duration listenerBackoffMax) {

    /** NOTIFY payloads must be shorter than 8000 bytes; the relay adds its envelope to the event. */
    static final DataSize MAX_MAX_PAYLOAD = DataSize.ofBytes(7000);

    LiveSettings {
        replayBuffer = check("HOLDFAST_LIVE_REPLAY_BUFFER", replayBuffer == null ? 1000 : replayBuffer, 0, 1_000_000);
        maxPayload = maxPayload == null ? DataSize.ofKilobytes(2) : maxPayload;
        if (maxPayload.toBytes() < 128 || maxPayload.compareTo(MAX_MAX_PAYLOAD) > 0) {
            throw new InvalidSettingException("HOLDFAST_LIVE_MAX_PAYLOAD", maxPayload.toString(), "a size from 128B to 7000B");
        }
        maxSubscriptions = check("HOLDFAST_LIVE_MAX_SUBSCRIPTIONS", maxSubscriptions == null ? 200 : maxSubscriptions, 1, 100_000);
        sendBuffer = check("HOLDFAST_LIVE_SEND_BUFFER", sendBuffer == null ? 1000 : sendBuffer, 16, 1_000_000);
        listenerBackoffMax = listenerBackoffMax == null ? Duration.ofSeconds(30) : listenerBackoffMax;
        if (listenerBackoffMax.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidSettingException("HOLDFAST_LIVE_LISTENER_BACKOFF_MAX", listenerBackoffMax.toString(),
                    "a duration of at least 1s, e.g. 30s");
        }
    }

    private static int check(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(setting, String.valueOf(value), "a whole number from " + min + " to " + max);
        }
        return value;
    }

    @Override
    public Integer replayBuffer() {
        return java.util.Objects.requireNonNull(replayBuffer);
    }

    @Override
    public DataSize maxPayload() {
        return java.util.Objects.requireNonNull(maxPayload);
    }

    @Override
    public Integer maxSubscriptions() {
        return java.util.Objects.requireNonNull(maxSubscriptions);
    }

    @Override
    public Integer sendBuffer() {
        return java.util.Objects.requireNonNull(sendBuffer);
    }

    @Override
    public Duration listenerBackoffMax() {
        return java.util.Objects.requireNonNull(listenerBackoffMax);
    }
}
