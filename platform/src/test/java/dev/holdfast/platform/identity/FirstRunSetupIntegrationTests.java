package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.util.Map;

class FirstRunSetupIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void setupLinkCreatesTheFirstAdministratorOnlyOnceAndTheDataSurvivesARestart(TestDatabase db) {
        TestNode first = db.startNode();
        String link = first.setupLink();
        assertThat(link).startsWith("http://localhost:" + first.port() + "/setup?token=");

        var admin = first.session().setUp("admin", PASSWORD);
        var home = admin.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, admin");

        var again = first.session();
        assertThat(again.get(link).statusCode()).isEqualTo(410);
        String token = link.substring(link.indexOf("token=") + 6);
        var replay = again.post("/setup", Map.of("token", token, "username", "intruder", "password", PASSWORD,
                "passwordConfirmation", PASSWORD));
        assertThat(replay.statusCode()).isEqualTo(410);
        first.close();

        TestNode restarted = db.startNode();
        assertThat(restarted.printedSetupLink()).isFalse();
        var signedIn = restarted.session().signIn("admin", PASSWORD);
        assertThat(signedIn.get("/").body()).contains("Welcome, admin");
        assertThat(restarted.bean(UserManagement.class).findByUsername("intruder")).isEmpty();
        assertThat(restarted.bean(UserManagement.class).findByUsername("ADMIN")).get()
                .satisfies(user -> assertThat(user.administrator()).isTrue())
                .satisfies(user -> assertThat(user.lastLoginAt()).isNotNull());
    }

    @DatabaseTest
    void setupFormNamesEachInvalidFieldAndKeepsTheLinkUsable(TestDatabase db) {
        TestNode node = db.startNode();
        var browser = node.session();
        browser.get(node.setupLink());
        String token = node.setupLink().substring(node.setupLink().indexOf("token=") + 6);

        var rejected = browser.post("/setup", Map.of("token", token, "username", "a", "email", "not-an-address",
                "password", "short", "passwordConfirmation", "different"));

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.body())
                .contains("id=\"username-error\"", "id=\"email-error\"", "id=\"password-error\"")
                .doesNotContain("value=\"short\"");
        assertThat(browser.get(node.setupLink()).statusCode()).isEqualTo(200);
    }

    @DatabaseTest
    void expiredSetupLinkIsRefused(TestDatabase db) throws InterruptedException {
        TestNode node = db.startNode(Map.of("holdfast.identity.setup-link-ttl", "1s"));
        Thread.sleep(1500);
        assertThat(node.session().get(node.setupLink()).statusCode()).isEqualTo(410);
    }

    @DatabaseTest
    void wrongPasswordDoesNotSignIn(TestDatabase db) {
        TestNode node = db.startNode();
        node.session().setUp("owner", PASSWORD);
        var browser = node.session();
        browser.get("/login");
        var response = browser.post("/login", Map.of("username", "owner", "password", "wrong password!"));
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login?error");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }
}
