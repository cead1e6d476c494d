package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.util.Map;

/** How a node learns of revocations it was not told about on the live channel. */
class RevokedCredentialsIntegrationTests {

    @DatabaseTest
    void aRevocationWhoseEventWasLostCountsOnceTheLiveChannelSaysEventsWereMissed(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            RevokedCredentials credentials = node.bean(RevokedCredentials.class);
            String token = "ab".repeat(32);
            // another node's revocation whose event never arrived (its NOTIFY failed, or this node's listener was away)
            db.dsl().insertInto(table(name("identity_revoked_access_token")))
                    .set(field(name("token_hash"), String.class), token)
                    .set(field(name("expires_at"), Long.class), System.currentTimeMillis() + 3_600_000).execute();
            db.dsl().update(table(name("identity_credential_revision")))
                    .set(field(name("revision"), Long.class), field(name("revision"), Long.class).plus(1))
                    .where(field(name("id"), Integer.class).eq(1)).execute();

            credentials.missed();
            // on PostgreSQL nothing else reads the revision for a minute (the safety poll); on SQLite the 1 s poll does
            for (int i = 0; i < 100 && !credentials.revoked(token); i++) {
                Thread.sleep(100);
            }
            assertThat(credentials.revoked(token)).as("listed after the node was told it missed events").isTrue();
        }
    }
}
