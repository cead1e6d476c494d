package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class DirectoryAdminPagesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @DatabaseTest
    void namesAndAttributesAreShownAsTextNeverAsMarkup(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/identity/users");
        String user = created(admin.post("/admin/identity/users", Map.of("username", "eve", "displayName", SCRIPT)));
        admin.get(user);
        admin.post(user, Map.of("displayName", SCRIPT, "attributes", "note=" + SCRIPT));
        admin.get("/admin/identity/groups");
        String group = created(admin.post("/admin/identity/groups", Map.of("name", SCRIPT)));

        for (String page : new String[] {"/admin/identity/users", "/admin/identity/users?q=eve", user, group, "/admin/identity/groups"}) {
            String body = admin.get(page).body();
            assertThat(body).as(page).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }

    @DatabaseTest
    void anAdministratorBuildsTheDirectoryOnThePages(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/admin/identity/users");
        String bob = created(admin.post("/admin/identity/users", Map.of("username", "bob", "password", PASSWORD)));
        admin.get("/admin/identity/groups");
        String staff = created(admin.post("/admin/identity/groups", Map.of("name", "Staff")));
        String sales = created(admin.post("/admin/identity/groups", Map.of("name", "Sales", "parentId", id(staff))));
        admin.get("/admin/identity/roles");
        String auditors = created(admin.post("/admin/identity/roles", Map.of("name", "Auditors", "permissions", "audit.read\naudit.export")));
        admin.get(staff);
        admin.post(staff + "/roles", Map.of("roleId", id(auditors)));
        admin.get(sales);
        admin.post(sales + "/members", Map.of("username", "bob"));

        assertThat(admin.get(bob).body()).contains("Sales").contains("<mark>Auditors</mark>");
        assertThat(admin.get("/admin/identity/groups").body()).contains("class=\"depth-1\"");
        admin.get(staff);
        var loop = admin.post(staff, Map.of("name", "Staff", "parentId", id(sales)));
        assertThat(admin.get(loop.headers().firstValue("Location").orElseThrow()).body()).contains("cannot be inside itself");

        WebSession bobsBrowser = node.session().signIn("bob", PASSWORD);
        admin.get(bob);
        admin.post(bob + "/enabled", Map.of("enabled", "false"));
        assertThat(admin.get(bob).body()).contains("disabled");
        assertThat(bobsBrowser.get("/").headers().firstValue("Location")).get().asString().endsWith("/login");

        admin.get("/admin/identity/service-accounts");
        String robot = created(admin.post("/admin/identity/service-accounts", Map.of("name", "backup-bot")));
        admin.get(robot);
        HttpResponse<String> issued = admin.post(robot + "/tokens", Map.of("name", "nightly"));
        Matcher secret = Pattern.compile("<code id=\"new-token\">(hf_[A-Za-z0-9_-]+)</code>").matcher(issued.body());
        assertThat(secret.find()).as("the new token is shown").isTrue();
        String page = admin.get(robot).body();
        assertThat(page).doesNotContain(secret.group(1)).contains(secret.group(1).substring(0, 10)).contains("Revoke");
        Matcher revoke = Pattern.compile("action=\"(/admin/identity/service-accounts/[^\"]+/revoke)\"").matcher(page);
        assertThat(revoke.find()).isTrue();
        admin.post(revoke.group(1), Map.of());
        assertThat(admin.get(robot).body()).contains("revoked").doesNotContain(">Revoke<");

        assertThat(admin.get("/admin/identity/users/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    /** The page a create form redirected to, failing unless it redirected to a new entry's page. */
    private static String created(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.matches(".*/[0-9a-f-]{36}$")) {
            throw new AssertionError("create answered " + response.statusCode() + " -> " + location);
        }
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private static String id(String page) {
        return page.substring(page.lastIndexOf('/') + 1);
    }
}
