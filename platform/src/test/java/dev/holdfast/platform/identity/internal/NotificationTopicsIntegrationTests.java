package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import org.springframework.security.crypto.password.PasswordEncoder;

class NotificationTopicsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void eachUserReceivesTheirOwnNotificationsOnly(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession adminSession = node.session().setUp("admin", PASSWORD);
        UserAccount bob = node.bean(JooqUsers.class).create("bob", null, null, node.bean(PasswordEncoder.class).encode(PASSWORD), false);
        UserAccount admin = node.bean(JooqUsers.class).findByUsername("admin").orElseThrow();
        String forAdmin = "notifications/" + admin.id();
        String forBob = "notifications/" + bob.id();
        LiveUpdates updates = node.bean(LiveUpdates.class);

        try (LiveClient adminLive = LiveClient.connect(node, adminSession);
                LiveClient bobLive = LiveClient.connect(node, node.session().signIn("bob", PASSWORD))) {
            adminLive.subscribe(null, forAdmin, forBob);
            bobLive.subscribe(null, forBob);
            assertThat(adminLive.awaitType("subscribed").path("topics").toString()).isEqualTo("[\"" + forAdmin + "\"]");
            assertThat(adminLive.awaitType("refused").path("topic").asString()).isEqualTo(forBob);
            bobLive.awaitType("subscribed");

            updates.publish(Topic.parse(forBob), "created");
            updates.publish(Topic.parse(forAdmin), "created");
            updates.publish(Topic.parse(forBob), "last");
            updates.publish(Topic.parse(forAdmin), "last");

            adminLive.awaitEvent(forAdmin, "last");
            bobLive.awaitEvent(forBob, "last");
            assertThat(adminLive.events()).containsExactly(forAdmin + " created", forAdmin + " last");
            assertThat(bobLive.events()).containsExactly(forBob + " created", forBob + " last");
        }
    }
}
