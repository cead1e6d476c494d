package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.ApplicationSignedIn;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The CRM signs people in through Holdfast's provider, and the groups claim of that sign-in's ID token decides their
 * CRM roles through the group mappings: put in a mapped group, a person can list accounts after their next sign-in;
 * taken out, they cannot after the next one.
 */
class CrmRolesFromSignInEndToEndTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void crmRolesFollowTheGroupsClaimOfTheSignIn(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            List<ApplicationSignedIn> signIns = new CopyOnWriteArrayList<>();
            node.context().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
                if (event.getPayload() instanceof ApplicationSignedIn signedIn) {
                    signIns.add(signedIn);
                }
            });
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
            JsonClient access = JsonClient.session(node, admin).under("/api/crm/v1");
            assertThat(JsonClient.session(node, admin).post("/api/v1/Account", "{\"name\":\"Acme Ltd\"}").statusCode()).isEqualTo(200);
            String carol = identity.create("/users", "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\"}").get("id").asString();
            String sales = identity.create("/groups", "{\"name\":\"Sales\"}").get("id").asString();
            access.create("/roles", "{\"name\":\"Account readers\",\"permissions\":{\"Account\":{\"read\":\"all\"}}}");
            assertThat(access.put("/group-mappings/sales", "{\"roles\":[\"Account readers\"]}").statusCode() / 100).isEqualTo(2);

            WebSession outside = node.session().signIn("carol", PASSWORD);
            assertThat(accounts(outside)).as("in no mapped group").doesNotContain("Acme Ltd");

            assertThat(identity.put("/groups/" + sales + "/members/" + carol, null).statusCode()).isEqualTo(204);
            WebSession member = node.session().signIn("carol", PASSWORD);
            assertThat(accounts(member)).as("in Sales since this sign-in").contains("Acme Ltd");
            assertThat(signIns).filteredOn(s -> s.clientId().equals("holdfast-crm") && s.username().equals("carol"))
                    .last().extracting(ApplicationSignedIn::groups).isEqualTo(List.of("Sales"));

            assertThat(identity.delete("/groups/" + sales + "/members/" + carol).statusCode()).isEqualTo(204);
            WebSession removed = node.session().signIn("carol", PASSWORD);
            assertThat(accounts(removed)).as("out of Sales at this sign-in").doesNotContain("Acme Ltd");
            assertThat(signIns).filteredOn(s -> s.clientId().equals("holdfast-crm") && s.username().equals("carol"))
                    .last().extracting(ApplicationSignedIn::groups).isEqualTo(List.of());
        }
    }

    /** The accounts list page as the person sees it, after the CRM's sign-in through the provider. */
    private static String accounts(WebSession browser) {
        var page = browser.get("/crm/Account");
        return page.statusCode() + " " + page.body();
    }
}
