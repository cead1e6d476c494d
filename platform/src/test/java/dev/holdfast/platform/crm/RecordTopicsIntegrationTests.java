package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;

/**
 * Live updates of CRM records reach only those who may read them: a subscription to one record is checked against
 * the record's owner, and so is every delivery (the owner looked up once per event, not once per subscriber).
 */
class RecordTopicsIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void aRecordsEventsReachOnlyThoseWhoMayReadItAsItIsNow(TestDatabase db) {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient api = JsonClient.session(node, admin);
            String daveId = CrmPeople.withRole(node, admin, "dave", "{\"Account\": {\"create\": \"yes\", \"read\": \"own\", \"edit\": \"own\"}}");
            WebSession daveSession = node.session().signIn("dave", PASSWORD);
            JsonClient dave = JsonClient.session(node, daveSession);
            String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\"}")).get("id").asString();
            String shop = dave.ok(dave.post("/api/v1/Account", "{\"name\":\"Dave's Shop\"}")).get("id").asString();
            String handedOver = api.ok(api.post("/api/v1/Account", "{\"name\":\"Handed over\",\"assignedUserId\":\"" + daveId + "\"}"))
                    .get("id").asString();

            try (LiveClient live = LiveClient.connect(node, daveSession.cookieHeader(), "http://localhost:" + node.port())) {
                live.awaitType("welcome");
                live.subscribe(null, "record/Account/" + acme, "record/Account/" + shop, "record/Account/" + handedOver);
                assertThat(live.awaitType("refused").path("topic").asString()).as("another's record").isEqualTo("record/Account/" + acme);
                assertThat(live.awaitType("subscribed").path("topics").toString())
                        .isEqualTo("[\"record/Account/" + shop + "\",\"record/Account/" + handedOver + "\"]");

                api.ok(api.patch("/api/v1/Account/" + acme, "{\"name\":\"Acme 2\"}"));
                // taken away from dave: his subscription stays, but the record's events no longer reach him
                api.ok(api.patch("/api/v1/Account/" + handedOver, "{\"assignedUserId\":null}"));
                api.ok(api.patch("/api/v1/Account/" + handedOver, "{\"name\":\"Not dave's any more\"}"));
                api.ok(api.patch("/api/v1/Account/" + shop, "{\"name\":\"Dave's Shop 2\"}"));

                live.awaitEvent("record/Account/" + shop, "updated");
                assertThat(live.events()).as("events come in order, so any of the others would be here by now")
                        .isNotEmpty().allMatch(event -> event.startsWith("record/Account/" + shop + " "));
            }
        }
    }
}
