package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class UserSessionsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern REVOKE = Pattern.compile("action=\"/account/sessions/([0-9a-f]+)/revoke\"");

    @DatabaseTest
    void listsEachSignInAndEndingOneSendsThatBrowserToSignIn(TestDatabase db) {
        TestNode first = db.startNode();
        WebSession laptop = first.session().setUp("admin", PASSWORD);
        TestNode second = db.startNode();
        WebSession phone = second.session().signIn("admin", PASSWORD);
        assertThat(phone.get("/").statusCode()).isEqualTo(200);

        var page = laptop.get("/account/sessions");
        assertThat(page.body()).contains("This session", "Java HTTP client", "127.0.0.1");
        assertThat(page.body().split("<tr>")).hasSize(1 + 1 + 2);
        assertThat(node(first).list("admin")).hasSize(2);
        Matcher other = REVOKE.matcher(page.body());
        assertThat(other.find()).isTrue();

        assertThat(laptop.post("/account/sessions/" + other.group(1) + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        var bounced = phone.get("/");
        assertThat(bounced.statusCode()).isEqualTo(302);
        assertThat(bounced.headers().firstValue("Location")).get().asString().endsWith("/login");
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);
        assertThat(node(first).list("admin")).hasSize(1);
        assertThat(first.bean(AuditLog.class).search(new AuditLog.Filter("session.revoked", "admin", null, null, null), 5))
                .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("session", other.group(1)));
    }

    @DatabaseTest
    void endingAllOtherSessionsKeepsOnlyThisOne(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession mine = node.session().setUp("admin", PASSWORD);
        WebSession a = node.session().signIn("admin", PASSWORD);
        WebSession b = node.session().signIn("admin", PASSWORD);
        mine.get("/account/sessions");

        assertThat(mine.post("/account/sessions/revoke-others", Map.of()).statusCode()).isEqualTo(302);
        assertThat(a.get("/").statusCode()).isEqualTo(302);
        assertThat(b.get("/").statusCode()).isEqualTo(302);
        assertThat(mine.get("/account/sessions").body()).contains("This session").doesNotContain("/revoke\"");
    }

    @DatabaseTest
    void aSessionIdleForLongerThanTheIdleTimeoutEnds(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.identity.session.idle-timeout", "2s"));
        WebSession admin = node.session().setUp("admin", PASSWORD);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        Thread.sleep(1200);
        assertThat(admin.get("/").statusCode()).as("used within the idle timeout").isEqualTo(200);
        Thread.sleep(2500);
        assertThat(admin.get("/").statusCode()).isEqualTo(302);
    }

    @DatabaseTest
    void aBusySessionEndsAtTheAbsoluteTimeout(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.identity.session.absolute-timeout", "3s"));
        WebSession admin = node.session().setUp("admin", PASSWORD);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        Thread.sleep(1600);
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
        Thread.sleep(1600);
        var ended = admin.get("/");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location")).get().asString().endsWith("/login?expired");
        assertThat(admin.get("/").statusCode()).as("stays ended").isEqualTo(302);
    }

    private static UserSessions node(TestNode node) {
        return node.bean(UserSessions.class);
    }
}
