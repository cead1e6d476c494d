package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;

class BruteForceIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Map<String, String> QUICK = Map.of(
            "holdfast.identity.brute-force.lockout-failures", "3",
            "holdfast.identity.brute-force.max-delay", "20ms");

    @DatabaseTest
    void lockedAccountRefusesEvenTheRightPasswordUntilAnAdministratorUnlocksIt(TestDatabase db) {
        TestNode node = db.startNode(QUICK);
        WebSession administrator = node.session().setUp("admin", PASSWORD);
        WebSession attacker = node.session();
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(attacker, "admin", "guess " + i).headers().firstValue("Location")).get().asString().endsWith("/login?error");
        }

        WebSession owner = node.session();
        assertThat(attempt(owner, "admin", PASSWORD).headers().firstValue("Location")).get().asString().endsWith("/login?error");
        assertThat(owner.get("/").statusCode()).isEqualTo(302);

        var page = administrator.get("/admin/identity");
        assertThat(page.body()).contains("Locked accounts", "<td>admin</td>");
        assertThat(administrator.post("/admin/identity/lockouts/admin/unlock", Map.of()).statusCode()).isEqualTo(302);
        assertThat(administrator.get("/admin/identity").body()).contains("No account is locked.");

        owner.signIn("admin", PASSWORD);
        assertThat(node.bean(AuditLog.class).search(AuditLog.Filter.any(), 20)).extracting(AuditEvent::action)
                .containsSubsequence("login.succeeded", "account.unlocked", "login.failed", "account.locked", "login.failed");
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("login.failed", null, null, null, null), 20))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("reason", "account temporarily locked"));
    }

    @DatabaseTest
    void guessingTheCurrentPasswordOnTheChangeFormLocksTheAccountAsAtSignIn(TestDatabase db) {
        TestNode node = db.startNode(QUICK);
        WebSession administrator = node.session().setUp("admin", PASSWORD);
        administrator.get("/admin/identity/users");
        administrator.post("/admin/identity/users", Map.of("username", "bob", "password", PASSWORD));
        WebSession stolen = node.session().signIn("bob", PASSWORD);
        stolen.get("/account/password");
        for (int i = 0; i < 2; i++) {
            var wrong = change(stolen, "guess " + i);
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(wrong.body()).contains("This is not your current password.");
        }

        var limit = change(stolen, "guess 2");
        assertThat(limit.statusCode()).isEqualTo(429);
        assertThat(limit.headers().firstValue("Retry-After")).isPresent();
        assertThat(limit.body()).contains("Too many wrong current passwords: your account is locked until");
        var right = change(stolen, PASSWORD);
        assertThat(right.statusCode()).as("not even the right password is checked while locked").isEqualTo(429);
        assertThat(right.body()).doesNotContain("Your password is changed.");
        WebSession owner = node.session();
        assertThat(attempt(owner, "bob", PASSWORD).headers().firstValue("Location")).get().asString()
                .as("sign-in refuses the locked account too").endsWith("/login?error");
        assertThat(administrator.get("/admin/identity").body()).contains("<td>bob</td>");

        AuditLog audit = node.bean(AuditLog.class);
        assertThat(audit.search(new AuditLog.Filter("password.change_failed", "bob", null, null, null), 10))
                .extracting(event -> event.details().get("reason"))
                .containsExactly("account temporarily locked", "account temporarily locked", "current password wrong",
                        "current password wrong", "current password wrong");
        assertThat(audit.search(new AuditLog.Filter("account.locked", null, null, null, null), 5))
                .singleElement().extracting(AuditEvent::target).isEqualTo("user:bob");

        administrator.post("/admin/identity/lockouts/bob/unlock", Map.of());
        stolen.get("/account/password");
        assertThat(change(stolen, PASSWORD).statusCode()).isEqualTo(200);
    }

    @DatabaseTest
    void unknownUserAndWrongPasswordLookTheSame(TestDatabase db) {
        TestNode node = db.startNode(QUICK);
        node.session().setUp("admin", PASSWORD);

        WebSession first = node.session();
        var wrongPassword = attempt(first, "admin", "not it");
        var wrongPage = first.get("/login?error");
        WebSession second = node.session();
        var unknownUser = attempt(second, "nobody", "not it");
        var unknownPage = second.get("/login?error");

        assertThat(wrongPassword.statusCode()).isEqualTo(302);
        assertThat(wrongPassword.headers().firstValue("Location")).get().asString().endsWith("/login?error");
        assertThat(unknownUser.statusCode()).isEqualTo(wrongPassword.statusCode());
        assertThat(unknownUser.headers().firstValue("Location")).isEqualTo(wrongPassword.headers().firstValue("Location"));
        assertThat(strip(unknownPage.body())).isEqualTo(strip(wrongPage.body()));
    }

    @DatabaseTest
    void oneAddressGetsTooManyRequestsPastTheRateLimit(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.identity.brute-force.attempts-per-minute", "5",
                "holdfast.identity.brute-force.max-delay", "20ms"));
        node.session().setUp("admin", PASSWORD);
        WebSession client = node.session();
        for (int i = 0; i < 4; i++) { // the setup form was the first of the five attempts
            assertThat(attempt(client, "admin", "guess " + i).statusCode()).isEqualTo(302);
        }
        assertThat(attempt(client, "admin", PASSWORD).statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> attempt(WebSession browser, String username, String password) {
        browser.get("/login");
        return browser.post("/login", Map.of("username", username, "password", password));
    }

    private static HttpResponse<String> change(WebSession browser, String current) {
        String next = "a quiet harbour at noon";
        return browser.post("/account/password", Map.of("current", current, "password", next, "passwordConfirmation", next));
    }

    /** The page without its per-session CSRF token. */
    private static String strip(String page) {
        return page.replaceAll("(content|value)=\"[A-Za-z0-9_-]{40,}\"", "$1=\"token\"");
    }
}
