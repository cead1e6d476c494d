package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.oidc.OidcClients;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What the directory drives elsewhere: second-factor policy by group, and the application library by group. */
class DirectoryDrivenPoliciesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String CAROL = "Tangerine kites over 7 harbours";

    @DatabaseTest
    void aGroupThatRequiresASecondFactorSendsItsMembersAndSubgroupMembersToEnrol(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under("/api/identity/v1");
        JsonNode ops = api.create("/groups", "{\"name\":\"Ops\",\"attributes\":{\"mfa.required\":\"true\"}}");
        JsonNode eu = api.create("/groups", "{\"name\":\"Ops EU\",\"parentId\":\"" + ops.get("id").asString() + "\"}");
        JsonNode carol = api.create("/users", "{\"username\":\"carol\",\"password\":\"" + CAROL + "\"}");
        api.create("/users", "{\"username\":\"dave\",\"password\":\"" + CAROL + " too\"}");
        assertThat(api.put("/groups/" + eu.get("id").asString() + "/members/" + carol.get("id").asString(), null).statusCode())
                .isEqualTo(204);

        WebSession member = signIn(node, "carol", CAROL);
        assertThat(member.get("/").headers().firstValue("Location")).get().asString().contains("/login/second-factor");
        assertThat(member.get("/login/second-factor").headers().firstValue("Location")).get().asString().endsWith("/login/enrol");

        WebSession outsider = signIn(node, "dave", CAROL + " too");
        assertThat(outsider.get("/").statusCode()).as("no group requires it of dave").isEqualTo(200);
    }

    @DatabaseTest
    void theApplicationLibraryShowsTheApplicationsOfTheUsersGroupsAndTheTokensCarryTheGroups(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under("/api/identity/v1");
        JsonNode finance = api.create("/groups", "{\"name\":\"Finance\"}");
        JsonNode carol = api.create("/users", "{\"username\":\"carol\",\"password\":\"" + CAROL + "\"}");
        api.put("/groups/" + finance.get("id").asString() + "/members/" + carol.get("id").asString(), null);
        OidcClients clients = node.bean(OidcClients.class);
        clients.register(app("ledger", "Ledger", "https://ledger.example.org/", Set.of("Finance")));
        clients.register(app("wiki", "Wiki", "https://wiki.example.org/", Set.of()));
        clients.register(app("vault", "Vault", "https://vault.example.org/", Set.of("Security")));

        String library = signIn(node, "carol", CAROL).get("/account/applications").body();

        assertThat(library).contains("https://ledger.example.org/", "https://wiki.example.org/")
                .doesNotContain("https://vault.example.org/");
        UserAccount user = node.bean(UserManagement.class).findByUsername("carol").orElseThrow();
        assertThat(node.bean(UserManagement.class).groupsOf(user.id())).extracting(Group::name).containsExactly("Finance");
    }

    private static WebSession signIn(TestNode node, String username, String password) {
        WebSession browser = node.session();
        browser.get("/login");
        browser.post("/login/identify", Map.of("username", username));
        browser.post("/login", Map.of("username", username, "password", password));
        return browser;
    }

    private static OidcClients.Registration app(String clientId, String name, String home, Set<String> groups) {
        return new OidcClients.Registration(clientId, name, true, List.of(URI.create(home + "callback")), List.of(),
                Set.of("openid", "groups"), Set.of("authorization_code"), false, Duration.ofMinutes(5), Duration.ofDays(1),
                groups, null, URI.create(home));
    }
}
