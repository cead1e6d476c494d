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

class InvitationEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern LINK = Pattern.compile("http://[^\\s<]+/invitation\\?token=[A-Za-z0-9_-]+");

    @DatabaseTest
    void anInvitedUserChoosesAPasswordAndIsSignedIn(TestDatabase db) {
        try (TestMail mail = new TestMail()) {
            TestNode node = db.startNode(mail.nodeSettings());
            WebSession admin = node.session().setUp("admin", PASSWORD);
            admin.get("/admin/identity/invitations/new");
            var created = admin.post("/admin/identity/invitations", Map.of("username", "bob", "email", "bob@example.org",
                    "displayName", "Bob"));
            assertThat(created.statusCode()).isEqualTo(200);
            Matcher shown = LINK.matcher(created.body());
            assertThat(shown.find()).isTrue();
            assertThat(mail.awaitMessagesTo("bob@example.org", 1).getFirst().text()).contains(shown.group());

            WebSession bob = node.session();
            assertThat(bob.get(shown.group()).body()).contains("Choose the password of your account <strong>bob</strong>");
            String token = shown.group().substring(shown.group().indexOf("token=") + 6);
            var weak = bob.post("/invitation", Map.of("token", token, "password", "bob is my name ok",
                    "passwordConfirmation", "bob is my name ok"));
            assertThat(weak.statusCode()).isEqualTo(422);
            assertThat(weak.body()).contains("The password must not contain the username.");
            var accepted = bob.post("/invitation", Map.of("token", token, "password", "a quiet harbour at noon",
                    "passwordConfirmation", "a quiet harbour at noon"));
            assertThat(accepted.headers().firstValue("Location")).get().asString().endsWith("/account");
            assertThat(bob.get("/account").body()).contains("Signed in as <strong>Bob</strong> (bob)");
            assertThat(bob.get("/account/applications").body()).doesNotContain("href=\"/admin/identity\"");
            assertThat(admin.get("/account/applications").body()).contains("href=\"/admin/identity\"");

            assertThat(node.session().get(shown.group()).statusCode()).as("single use").isEqualTo(410);
            node.session().signIn("bob", "a quiet harbour at noon");

            admin.get("/admin/identity/invitations/new");
            var again = admin.post("/admin/identity/invitations", Map.of("username", "bob"));
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(again.body()).contains("User bob already has a password");
            assertThat(bob.post("/admin/identity/invitations", Map.of("username", "eve")).statusCode())
                    .as("administrators only").isEqualTo(403);
            assertThat(node.bean(AuditLog.class).search(AuditLog.Filter.any(), 30)).extracting(AuditEvent::action)
                    .contains("invitation.created", "invitation.accepted");
        }
    }

    @DatabaseTest
    void withoutMailTheLinkIsShownToTheAdministratorOnly(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/identity/invitations/new");
        var created = admin.post("/admin/identity/invitations", Map.of("username", "carol", "email", "carol@example.org"));
        assertThat(created.body()).contains("carol").doesNotContain("It was also mailed");
        assertThat(LINK.matcher(created.body()).find()).isTrue();
    }
}
