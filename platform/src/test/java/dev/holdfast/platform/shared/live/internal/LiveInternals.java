package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestNode;
import java.time.Instant;

/** What tests need to see of a node's live-update internals. */
public final class LiveInternals {

    private LiveInternals() {}

    /** The node's name in event ids and in its listener connection's application name. */
    public static String node(TestNode node) {
        return node.bean(LiveHub.class).node();
    }

    /** Waits until the node listens for other nodes' events (PostgreSQL only). */
    public static void awaitListening(TestNode node) throws InterruptedException {
        Instant deadline = Instant.now().plus(LiveClient.DEADLINE);
        while (!node.bean(PostgresRelay.class).listening()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("node " + node(node) + " did not start listening within " + LiveClient.DEADLINE);
            }
            Thread.sleep(50);
        }
    }
}
