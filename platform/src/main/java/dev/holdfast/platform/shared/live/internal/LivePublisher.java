package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.LivePayloadTooLargeException;
import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@link LiveUpdates}: checks the event, waits for the commit if there is a transaction, then delivers here and relays. */
@Component
class LivePublisher implements LiveUpdates {

    private final LiveHub hub;
    private final PostgresRelay relay;
    private final LiveSettings settings;

    LivePublisher(LiveHub hub, PostgresRelay relay, LiveSettings settings) {
        this.hub = hub;
        this.relay = relay;
        this.settings = settings;
    }

    @Override
    public void publish(Topic topic, String kind, Map<String, String> data) {
        LiveEvent event = new LiveEvent(topic, kind, data);
        int size = LiveProtocol.size(event);
        if (size > settings.maxPayload().toBytes()) {
            throw new LivePayloadTooLargeException(topic, size, settings.maxPayload().toBytes());
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // after completion, not afterCommit: Spring calls the afterCommit callbacks registered before the commit
            // only, so an event published from another synchronization's afterCommit would be dropped without a word;
            // afterCompletion callbacks are collected anew after those ran
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        send(event);
                    }
                }
            });
        } else {
            send(event);
        }
    }

    private void send(LiveEvent event) {
        hub.deliver(event);
        relay.send(event);
    }
}
