package dev.holdfast.platform.shared.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class LiveUpdatesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void subscriberReceivesTheTopicsItMayAndNothingElse(TestDatabase db) {
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/allowed");
        LiveUpdates updates = node.bean(LiveUpdates.class);

        try (LiveClient live = LiveClient.connect(node, admin)) {
            live.subscribe(null, "test/allowed", "test/forbidden", "nobody/owns-this");

            assertThat(live.awaitType("subscribed").path("topics").toString()).isEqualTo("[\"test/allowed\"]");
            assertThat(refusal(live, "test/forbidden")).isEqualTo("forbidden");
            assertThat(refusal(live, "nobody/owns-this")).isEqualTo("unknown-family");

            updates.publish(Topic.parse("test/forbidden"), "updated");
            updates.publish(Topic.parse("nobody/owns-this"), "updated");
            updates.publish(Topic.of("test", "allowed"), "updated", Map.of("id", "42"));

            JsonNode event = live.awaitEvent("test/allowed", "updated");
            assertThat(event.path("data").path("id").asString()).isEqualTo("42");
            assertThat(live.events()).as("events arrive in publishing order, so the refused ones would be here by now")
                    .containsExactly("test/allowed updated");
        }
    }

    @DatabaseTest
    void revokedPermissionStopsDeliveryToAnExistingSubscription(TestDatabase db) {
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        GrantedTopics grants = node.bean(GrantedTopics.class).grant("admin", "test/secret").grant("admin", "test/marker");
        LiveUpdates updates = node.bean(LiveUpdates.class);

        try (LiveClient live = LiveClient.connect(node, admin)) {
            live.subscribe(null, "test/secret", "test/marker");
            live.awaitType("subscribed");
            updates.publish(Topic.parse("test/secret"), "while-allowed");
            live.awaitEvent("test/secret", "while-allowed");

            grants.revoke("admin", "test/secret");
            updates.publish(Topic.parse("test/secret"), "after-revoke");
            updates.publish(Topic.parse("test/marker"), "published-later");

            live.awaitEvent("test/marker", "published-later");
            assertThat(live.events()).containsExactly("test/secret while-allowed", "test/marker published-later");
        }
    }

    @DatabaseTest
    void onlySignedInBrowsersOfTheSameOriginConnectAndSigningOutDisconnects(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);

        var anonymous = LiveClient.refusedHandshake(node, null, null);
        assertThat(anonymous.statusCode()).as("no session: sent to sign in, or 401").isIn(302, 401);
        assertThat(anonymous.headers().firstValue("Set-Cookie")).as("a refused handshake creates no session").isEmpty();
        var forged = LiveClient.refusedHandshake(node, "HOLDFAST_SESSION=forged", null);
        assertThat(forged.statusCode()).as("unknown session: sent to sign in, or 401").isIn(302, 401);
        assertThat(forged.headers().firstValue("Set-Cookie")).as("a refused handshake creates no session").isEmpty();
        assertThat(LiveClient.refusedHandshake(node, admin.cookieHeader(), "http://evil.example").statusCode())
                .as("foreign origin").isEqualTo(403);

        try (LiveClient live = LiveClient.connect(node, admin.cookieHeader(), "http://localhost:" + node.port())) {
            assertThat(live.awaitType("welcome").path("last").asString()).isNotBlank();

            admin.get("/");
            assertThat(admin.post("/logout", Map.of()).statusCode()).isEqualTo(302);

            assertThat(live.awaitClose()).as("policy violation: the session has ended").isEqualTo(1008);
        }
    }

    @DatabaseTest
    void badInputGetsAnErrorFrameAndTheConnectionStaysUsable(TestDatabase db) {
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/fine");

        try (LiveClient live = LiveClient.connect(node, admin)) {
            live.send("{not json");
            live.send("[1, 2]");
            live.send("{\"type\":\"shout\"}");
            live.send("{\"type\":\"subscribe\",\"topics\":[\"../../etc/passwd\"]}");
            live.send("{\"type\":\"subscribe\",\"topics\":\"test/fine\"}");
            live.send("{\"type\":\"subscribe\",\"topics\":[\"test/fine\"],\"after\":42}");
            live.sendBinary(new byte[] {1, 2, 3});
            live.send("{\"type\":\"ping\"}");
            live.awaitType("pong");

            assertThat(live.frames()).filteredOn(frame -> frame.path("type").asString().equals("error"))
                    .extracting(frame -> frame.path("error").asString())
                    .containsExactly("bad-json", "bad-json", "unknown-type", "bad-topics", "bad-topics", "bad-after", "binary");
            assertThat(live.frames().toString()).doesNotContain("Exception", "\tat ");

            live.subscribe(null, "test/fine");
            live.awaitType("subscribed");
            node.bean(LiveUpdates.class).publish(Topic.parse("test/fine"), "still-works");
            live.awaitEvent("test/fine", "still-works");
        }
    }

    @DatabaseTest
    void framesUpToEightKibibytesAreReadAndLargerOnesCloseTheSocket(TestDatabase db) {
        Map<String, String> settings = new java.util.HashMap<>(GrantedTopics.ON_NODE);
        settings.put("holdfast.live.max-payload", "7000B");
        TestNode node = db.startNode(settings);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/fine");

        try (LiveClient live = LiveClient.connect(node, admin)) {
            // 8,040 characters: four times Tomcat's frame buffer here, just under the protocol's limit
            live.send("{\"type\":\"subscribe\",\"topics\":[\"test/fine\"]" + " ".repeat(8000) + "}");
            assertThat(live.awaitType("subscribed").path("topics").toString()).contains("test/fine");
            // an event three times Tomcat's output buffer here arrives whole
            node.bean(LiveUpdates.class).publish(Topic.parse("test/fine"), "big", Map.of("note", "x".repeat(6000)));
            assertThat(live.awaitEvent("test/fine", "big").path("data").path("note").asString()).hasSize(6000);
        }
        try (LiveClient live = LiveClient.connect(node, admin)) {
            live.send("{\"type\":\"ping\"" + " ".repeat(9000) + "}");
            assertThat(live.awaitClose()).as("1009: message too big").isEqualTo(1009);
        }
    }

    @DatabaseTest
    void publishingRejectsOversizedEventsAndBadKindsWithAClearError(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.live.max-payload", "512B"));
        LiveUpdates updates = node.bean(LiveUpdates.class);
        Topic topic = Topic.of("record", "Account", 42);

        assertThatThrownBy(() -> updates.publish(topic, "updated", Map.of("note", "x".repeat(600))))
                .isInstanceOf(LivePayloadTooLargeException.class)
                .hasMessageContaining("record/Account/42").hasMessageContaining("512 allowed (holdfast.live.max-payload)");
        assertThatThrownBy(() -> updates.publish(topic, "Updated Now"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        updates.publish(topic, "updated", Map.of("note", "x".repeat(400)));
    }

    @DatabaseTest
    void unusableSettingStopsStartUpNamingIt(TestDatabase db) {
        assertThatThrownBy(() -> db.startNode(Map.of("holdfast.live.max-payload", "8000B")))
                .rootCause().isInstanceOf(InvalidSettingException.class)
                .hasMessage("HOLDFAST_LIVE_MAX_PAYLOAD=8000B is not valid: expected a size from 128B to 7000B");
        assertThatThrownBy(() -> db.startNode(Map.of("holdfast.live.replay-buffer", "-1")))
                .rootCause().isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("HOLDFAST_LIVE_REPLAY_BUFFER=-1");
    }

    @DatabaseTest
    void reconnectingWithTheLastEventIdReplaysWhatWasMissed(TestDatabase db) {
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/room").grant("admin", "test/elsewhere");
        LiveUpdates updates = node.bean(LiveUpdates.class);
        Topic room = Topic.parse("test/room");

        String lastSeen;
        try (LiveClient first = LiveClient.connect(node, admin)) {
            first.subscribe(first.awaitType("welcome").path("last").asString(), "test/room");
            first.awaitType("subscribed");
            updates.publish(room, "one");
            lastSeen = first.awaitEvent("test/room", "one").path("id").asString();
        }

        updates.publish(room, "two");
        updates.publish(Topic.parse("test/elsewhere"), "not-subscribed");

        try (LiveClient second = LiveClient.connect(node, admin)) {
            second.subscribe(lastSeen, "test/room");
            second.awaitEvent("test/room", "two");
            updates.publish(room, "three");
            second.awaitEvent("test/room", "three");
            assertThat(second.events()).containsExactly("test/room two", "test/room three");
        }

        try (LiveClient stranger = LiveClient.connect(node, admin)) {
            stranger.subscribe("another-node-7", "test/room");
            assertThat(stranger.awaitType("reset").path("last").asString()).isNotBlank();
            assertThat(stranger.events()).isEmpty();
        }
    }

    @DatabaseTest
    void eventPublishedInATransactionIsSentOnCommitAndNotOnRollbackEvenFromAnAfterCommitCallback(TestDatabase db) {
        TestNode node = db.startNode(GrantedTopics.ON_NODE);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        node.bean(GrantedTopics.class).grant("admin", "test/tx");
        LiveUpdates updates = node.bean(LiveUpdates.class);
        TransactionTemplate transaction = new TransactionTemplate(node.bean(PlatformTransactionManager.class));

        try (LiveClient live = LiveClient.connect(node, admin)) {
            live.subscribe(null, "test/tx");
            live.awaitType("subscribed");

            transaction.executeWithoutResult(status -> {
                updates.publish(Topic.parse("test/tx"), "rolled-back");
                status.setRollbackOnly();
            });
            transaction.executeWithoutResult(status -> updates.publish(Topic.parse("test/tx"), "committed"));
            // published by code that itself runs once another transaction has committed
            transaction.executeWithoutResult(status -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            updates.publish(Topic.parse("test/tx"), "after-commit");
                        }
                    }));

            live.awaitEvent("test/tx", "after-commit");
            assertThat(live.events()).containsExactly("test/tx committed", "test/tx after-commit");
        }
    }

    private static String refusal(LiveClient live, String topic) {
        return live.await("refusal of " + topic, frame -> frame.path("type").asString().equals("refused")
                && frame.path("topic").asString().equals(topic)).path("reason").asString();
    }
}
