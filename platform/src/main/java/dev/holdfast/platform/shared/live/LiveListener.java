package dev.holdfast.platform.shared.live;

import java.util.Map;

/**
 * Server-side hearing of one topic family's events on this node, whichever node published them (PostgreSQL relays
 * them between nodes): for a node-local cache that must drop entries when another node changed what it holds.
 * Declared as a bean. Browsers cannot subscribe to a family that has no {@link TopicAuthorizer}, so such a family
 * stays between the nodes.
 */
public interface LiveListener {

    /** The family heard, e.g. {@code credentials}. */
    String family();

    /**
     * One event of the family. Called on the node's single live dispatch thread, after the publisher's commit:
     * return quickly and never block on the database here.
     */
    void on(Topic topic, String kind, Map<String, String> data);

    /**
     * This node may have missed other nodes' events (the connection relaying them was lost and is back, or has just
     * been opened for the first time, after the node started): whatever was kept because of them should be reloaded.
     * Called on the dispatch thread too. Never on SQLite, where events do not cross nodes at all.
     */
    default void missed() {
    }
}
