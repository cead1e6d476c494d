package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class AdminUserSessionsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern END_ONE = Pattern.compile("action=\"(/admin/identity/users/[^\"]+/sessions/[0-9a-f]+/revoke)\"");

    @DatabaseTest
    void anAdministratorEndsAnotherUsersSessionsOneByOneOrAll(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/identity/users");
        String bob = created(admin.post("/admin/identity/users", Map.of("username", "bob", "password", PASSWORD)));
        WebSession laptop = node.session().signIn("bob", PASSWORD);
        WebSession phone = node.session().signIn("bob", PASSWORD);

        String page = admin.get(bob).body();
        assertThat(page).contains("<h2>Sessions</h2>", "Java HTTP client", "127.0.0.1", "End all sessions")
                .doesNotContain(">Invite<");
        Matcher endOne = END_ONE.matcher(page);
        assertThat(endOne.results().count()).as("bob's two sessions").isEqualTo(2);
        endOne.reset().find();

        assertThat(admin.post(endOne.group(1), Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get(bob).body()).contains("The session is ended.");
        List<HttpResponse<String>> next = List.of(laptop.get("/"), phone.get("/"));
        assertThat(next).filteredOn(response -> response.statusCode() == 302)
                .singleElement().satisfies(response -> assertThat(response.headers().firstValue("Location")).get()
                        .asString().endsWith("/login"));
        assertThat(next).filteredOn(response -> response.statusCode() == 200).hasSize(1);
        assertThat(END_ONE.matcher(admin.get(bob).body()).results().count()).isEqualTo(1);

        assertThat(admin.post(bob + "/sessions/revoke-all", Map.of()).statusCode()).isEqualTo(302);
        assertThat(laptop.get("/").statusCode()).isEqualTo(302);
        assertThat(phone.get("/").statusCode()).isEqualTo(302);
        assertThat(admin.get(bob).body()).contains("1 session ended.", "Not signed in anywhere.");
        assertThat(admin.get("/").statusCode()).as("the administrator stays signed in").isEqualTo(200);

        AuditLog audit = node.bean(AuditLog.class);
        assertThat(audit.search(new AuditLog.Filter("session.revoked", "admin", null, null, null), 5))
                .singleElement().satisfies(event -> assertThat(event.target()).isEqualTo("user:bob"));
        assertThat(audit.search(new AuditLog.Filter("session.revoked_all", "admin", null, null, null), 5))
                .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("sessions", "1"));
    }

    @DatabaseTest
    void anAdministratorEndingTheirOwnSessionsKeepsTheOneInUse(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        WebSession elsewhere = node.session().signIn("admin", PASSWORD);
        String self = admin.get("/admin/identity/users?q=admin").body()
                .replaceAll("(?s).*href=\"(/admin/identity/users/[0-9a-f-]{36})\".*", "$1");
        admin.get(self);

        assertThat(admin.post(self + "/sessions/revoke-all", Map.of()).statusCode()).isEqualTo(302);
        assertThat(elsewhere.get("/").statusCode()).isEqualTo(302);
        assertThat(admin.get(self).statusCode()).isEqualTo(200);
    }

    @DatabaseTest
    void aPersonWithoutAPasswordCanBeInvitedFromTheirPage(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/identity/users");
        String carol = created(admin.post("/admin/identity/users", Map.of("username", "carol")));

        String page = admin.get(carol).body();
        assertThat(page).contains("carol has no password yet.", "action=\"/admin/identity/invitations\"",
                "name=\"username\" value=\"carol\"");
        var invited = admin.post("/admin/identity/invitations", Map.of("username", "carol"));
        assertThat(invited.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("http://[^\\s<\"]+/invitation\\?token=[A-Za-z0-9_-]+").matcher(invited.body());
        assertThat(link.find()).isTrue();

        WebSession carols = node.session();
        String token = link.group().substring(link.group().indexOf("token=") + 6);
        carols.get(link.group());
        assertThat(carols.post("/invitation", Map.of("token", token, "password", "a quiet harbour at noon",
                "passwordConfirmation", "a quiet harbour at noon")).statusCode()).isEqualTo(302);
        assertThat(admin.get(carol).body()).doesNotContain("has no password yet").contains("Java HTTP client");
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }
}
