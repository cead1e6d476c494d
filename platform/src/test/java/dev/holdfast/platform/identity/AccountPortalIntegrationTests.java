package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;

class AccountPortalIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void everyFormRefusesAPostWithoutItsCsrfToken(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/account");
        for (String path : new String[] {"/account/profile", "/account/password", "/account/sessions/revoke-others",
                "/account/sessions/0123456789abcdef/revoke", "/admin/identity/invitations"}) {
            assertThat(admin.post(path, Map.of("_csrf", "", "displayName", "x", "username", "x")).statusCode())
                    .as(path).isEqualTo(403);
        }
        WebSession visitor = node.session();
        visitor.get("/login");
        for (String path : new String[] {"/login/forgot", "/login/reset", "/invitation"}) {
            assertThat(visitor.post(path, Map.of("_csrf", "", "email", "a@b.org", "token", "x")).statusCode())
                    .as(path).isEqualTo(403);
        }
        assertThat(admin.get("/account").body()).as("nothing changed").doesNotContain("value=\"x\"");
    }

    @DatabaseTest
    void thePasswordFieldGetsLiveFeedbackOnTheRules(TestDatabase db) {
        TestNode node = db.startNode();
        node.session().setUp("admin", PASSWORD);
        WebSession visitor = node.session();
        assertThat(visitor.get("/login").statusCode()).isEqualTo(200);
        assertThat(visitor.post("/password/check", Map.of("password", "short")).body()).contains("Use at least 12 characters.");
        assertThat(visitor.post("/password/check", Map.of("password", "admin is here today", "username", "admin")).body())
                .contains("The password must not contain the username.");
        assertThat(visitor.post("/password/check", Map.of("password", "a quiet harbour at noon")).body())
                .contains("This password meets the rules.");
        assertThat(visitor.post("/password/check", Map.of("_csrf", "", "password", "<b>x</b>")).body())
                .as("no CSRF token needed: it changes nothing").contains("Use at least 12 characters.");
        assertThat(visitor.get("/css/no-such-file.css").statusCode()).as("assets are served without a session").isEqualTo(404);
        assertThat(visitor.get("/css/holdfast.css").headers().firstValue("Set-Cookie")).isEmpty();
    }

    @DatabaseTest
    void aDisplayNameIsShownAsTextNotMarkup(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/account");
        var saved = admin.post("/account/profile", Map.of("displayName", "<script>alert(1)</script>", "email", ""));
        assertThat(saved.statusCode()).isEqualTo(200);

        String page = admin.get("/account").body();
        assertThat(page).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("profile.updated", null, null, null, null), 1))
                .singleElement().satisfies(event -> assertThat(event.details())
                        .containsEntry("displayName.after", "<script>alert(1)</script>"));
    }

    @DatabaseTest
    void theAccountPagesShareASubNavigationAndListTheApplications(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        for (String path : new String[] {"/account", "/account/password", "/account/sessions", "/account/applications"}) {
            assertThat(admin.get(path).body()).as(path).contains("aria-label=\"Account\"", "href=\"/account/security\"");
        }
        assertThat(admin.get("/account/applications").body()).contains("href=\"/admin/identity\"");
        var invalid = admin.post("/account/profile", Map.of("email", "not an address"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("This is not an email address");
    }
}
