package dev.holdfast.platform.shared.live;

import java.util.Map;

/**
 * Tells browsers that something changed, so they can refresh the part of the page that shows it. Every subscriber
 * of the topic whose user may receive it (see {@link TopicAuthorizer}) gets the event: on this node directly, and
 * on other nodes sharing a PostgreSQL database through it. Events are hints, not data: a kind and a few ids.
 */
public interface LiveUpdates {

    /**
     * Publishes an event. Inside a transaction it is sent after commit, and not at all on rollback. Never blocks on
     * the network; delivery is best effort (a browser that was away gets a replay or is told to refresh).
     *
     * @param kind what happened, lower-case letters, digits and {@code -}, e.g. {@code updated}, {@code check-failed}
     * @param data a few short strings for the client, e.g. ids; may be empty
     * @throws LivePayloadTooLargeException if the event is larger than {@code holdfast.live.max-payload}
     * @throws IllegalArgumentException if the kind is not a short lower-case word
     */
    void publish(Topic topic, String kind, Map<String, String> data);

    /** Publishes an event without data. */
    default void publish(Topic topic, String kind) {
        publish(topic, kind, Map.of());
    }
}
