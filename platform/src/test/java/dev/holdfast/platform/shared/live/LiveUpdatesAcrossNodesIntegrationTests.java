package dev.holdfast.platform.shared.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.shared.live.internal.LiveInternals;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import org.junit.jupiter.api.Assumptions;

class LiveUpdatesAcrossNodesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void eventsPublishedOnOneNodeReachSubscribersOnAnotherOnPostgresOnly(TestDatabase db) throws InterruptedException {
        TestNode publisher = db.startNode(GrantedTopics.ON_NODE);
        TestNode subscriber = db.startNode(GrantedTopics.ON_NODE);
        publisher.session().setUp("admin", PASSWORD);
        subscriber.bean(GrantedTopics.class).grant("admin", "test/shared").grant("admin", "test/marker");

        try (LiveClient live = LiveClient.connect(subscriber, subscriber.session().signIn("admin", PASSWORD))) {
            live.subscribe(null, "test/shared", "test/marker");
            live.awaitType("subscribed");

            if (db.kind() == DatabaseKind.POSTGRESQL) {
                LiveInternals.awaitListening(subscriber);
                publisher.bean(LiveUpdates.class).publish(Topic.parse("test/shared"), "from-the-other-node");
                assertThat(live.awaitEvent("test/shared", "from-the-other-node").path("id").asString())
                        .as("numbered by the subscriber's node").startsWith(LiveInternals.node(subscriber) + "-");
            } else {
                publisher.bean(LiveUpdates.class).publish(Topic.parse("test/shared"), "from-the-other-node");
                subscriber.bean(LiveUpdates.class).publish(Topic.parse("test/marker"), "from-this-node");
                live.awaitEvent("test/marker", "from-this-node");
                assertThat(live.events()).as("SQLite: delivery is in-process, another node's events never arrive")
                        .containsExactly("test/marker from-this-node");
            }
        }
    }

    @DatabaseTest
    void lostListenerConnectionIsReopenedAndBrowsersAreToldToRefresh(TestDatabase db) throws InterruptedException {
        Assumptions.assumeTrue(db.kind() == DatabaseKind.POSTGRESQL,
                "SQLite has no LISTEN/NOTIFY: live events stay on their node, so there is no listener to lose");
        TestNode publisher = db.startNode(GrantedTopics.ON_NODE);
        TestNode subscriber = db.startNode(GrantedTopics.ON_NODE);
        publisher.session().setUp("admin", PASSWORD);
        subscriber.bean(GrantedTopics.class).grant("admin", "test/shared");

        try (LiveClient live = LiveClient.connect(subscriber, subscriber.session().signIn("admin", PASSWORD))) {
            live.subscribe(null, "test/shared");
            live.awaitType("subscribed");
            LiveInternals.awaitListening(subscriber);

            Object terminated = db.dsl().fetchValue("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?",
                    "holdfast-live-" + LiveInternals.node(subscriber));
            assertThat(((Number) terminated).intValue()).as("listener connections terminated").isEqualTo(1);

            live.awaitType("reset");
            publisher.bean(LiveUpdates.class).publish(Topic.parse("test/shared"), "after-reconnect");
            live.awaitEvent("test/shared", "after-reconnect");
        }
    }
}
