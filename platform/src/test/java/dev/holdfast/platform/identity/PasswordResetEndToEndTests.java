package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestMail;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class PasswordResetEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "another fine evening walk";
    private static final Pattern LINK = Pattern.compile("http://\\S+/login/reset\\?token=\\S+");

    @DatabaseTest
    void aMailedLinkSetsANewPasswordOnceAndEndsEverySession(TestDatabase db) {
        try (TestMail mail = new TestMail()) {
            TestNode node = db.startNode(mail.nodeSettings());
            WebSession signedIn = node.session().setUp("admin", PASSWORD);
            signedIn.get("/account");
            assertThat(signedIn.post("/account/profile", Map.of("email", "admin@example.org", "displayName", "Ada"))
                    .body()).contains("Your profile is saved.");

            WebSession forgetful = node.session();
            assertThat(forgetful.get("/login").body()).contains("href=\"/login/forgot\"");
            forgetful.get("/login/forgot");
            String known = strip(forgetful.post("/login/forgot", Map.of("email", "Admin@Example.org")).body());
            WebSession stranger = node.session();
            stranger.get("/login/forgot");
            String unknown = strip(stranger.post("/login/forgot", Map.of("email", "nobody@example.org")).body());
            assertThat(unknown).as("the same answer for an unknown address").isEqualTo(known).contains("If an account has this address");

            var message = mail.awaitMessagesTo("admin@example.org", 1).getFirst();
            assertThat(message.subject()).isEqualTo("Reset your Holdfast password");
            Matcher link = LINK.matcher(message.text());
            assertThat(link.find()).isTrue();
            String token = link.group().substring(link.group().indexOf("token=") + 6);

            assertThat(forgetful.get(link.group()).body()).contains("Choose a new password");
            var weak = forgetful.post("/login/reset", Map.of("token", token, "password", "password1234",
                    "passwordConfirmation", "password1234"));
            assertThat(weak.statusCode()).isEqualTo(422);
            assertThat(weak.body()).contains("This password is too easy to guess");
            var done = forgetful.post("/login/reset", Map.of("token", token, "password", NEW_PASSWORD,
                    "passwordConfirmation", NEW_PASSWORD));
            assertThat(done.headers().firstValue("Location")).get().asString().endsWith("/login?reset");

            assertThat(signedIn.get("/").statusCode()).as("the old session ended").isEqualTo(302);
            assertThat(node.session().get(link.group()).statusCode()).as("single use").isEqualTo(410);
            node.session().signIn("admin", NEW_PASSWORD);
            assertThat(mail.all()).as("nothing went to the unknown address").hasSize(1);
            assertThat(node.bean(AuditLog.class).search(AuditLog.Filter.any(), 30)).extracting(AuditEvent::action)
                    .contains("password.reset_requested", "password.reset_completed", "session.revoked_all");
        }
    }

    @DatabaseTest
    void anAccountGetsAtMostThreeResetLinksAnHour(TestDatabase db) throws Exception {
        try (TestMail mail = new TestMail()) {
            TestNode node = db.startNode(mail.nodeSettings());
            WebSession admin = node.session().setUp("admin", PASSWORD);
            admin.get("/account");
            admin.post("/account/profile", Map.of("email", "admin@example.org"));
            WebSession visitor = node.session();
            for (int i = 0; i < 4; i++) {
                visitor.get("/login/forgot");
                assertThat(visitor.post("/login/forgot", Map.of("email", "admin@example.org")).body())
                        .contains("If an account has this address");
            }
            AuditLog audit = node.bean(AuditLog.class);
            var refused = new AuditLog.Filter("password.reset_requested", null, null, null, null);
            for (int i = 0; i < 200 && audit.search(refused, 10).size() < 4; i++) {
                Thread.sleep(50);
            }
            assertThat(audit.search(refused, 10)).extracting(AuditEvent::outcome)
                    .containsExactlyInAnyOrder(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.SUCCESS,
                            AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.DENIED);
            assertThat(mail.awaitMessagesTo("admin@example.org", 3)).hasSize(3);
        }
    }

    @DatabaseTest
    void withoutMailTheSignInPageSaysToAskAnAdministrator(TestDatabase db) {
        TestNode node = db.startNode();
        node.session().setUp("admin", PASSWORD);
        WebSession visitor = node.session();
        assertThat(visitor.get("/login").body()).contains("Ask an administrator").doesNotContain("href=\"/login/forgot\"");
        assertThat(visitor.get("/login/forgot").body()).contains("ask an administrator").doesNotContain("name=\"email\"");
        assertThat(visitor.get("/login/reset?token=made-up").statusCode()).isEqualTo(410);
    }

    /** The page without its per-session CSRF token. */
    private static String strip(String body) {
        return body.replaceAll("content=\"[^\"]+\"", "").replaceAll("value=\"[^\"]+\"", "");
    }
}
