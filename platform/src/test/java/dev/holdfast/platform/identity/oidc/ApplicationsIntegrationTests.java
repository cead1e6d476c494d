package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Administrators register and change applications through the admin pages and the JSON API; everyone else cannot. */
class ApplicationsIntegrationTests {

    /** Holdfast's own applications, registered at start. */
    private static final String[] BUILT_IN = {"holdfast-admin", "holdfast-backups", "holdfast-crm", "holdfast-monitor"};

    private static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP = """
            {"clientId": "wiki", "name": "Wiki", "confidential": true,
             "redirectUris": ["https://wiki.example.com/callback"], "postLogoutRedirectUris": ["https://wiki.example.com/"],
             "scopes": ["openid", "profile"], "grantTypes": ["authorization_code", "refresh_token", "client_credentials"],
             "requireConsent": true, "accessTokenTtlSeconds": 600, "refreshTokenTtlSeconds": 86400,
             "allowedGroups": ["staff"], "backchannelLogoutUri": "https://wiki.example.com/logout",
             "homeUri": "https://wiki.example.com/"}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @DatabaseTest
    void administratorsManageApplicationsThroughTheApi(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            admin.get("/");

            var created = api(node, admin, "POST", "", APP);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode app = JSON.readTree(created.body());
            String id = app.get("id").asString();
            String secret = app.get("secret").asString();
            assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/identity/v1/applications/" + id);
            assertThat(app.get("allowedGroups").toString()).contains("staff");
            assertThat(clientCredentials(node, "wiki", secret)).as("the secret shown works").isEqualTo(200);

            var read = api(node, admin, "GET", "/" + id, null);
            assertThat(read.body()).contains("\"clientId\":\"wiki\"").doesNotContain(secret).doesNotContain("\"secret\"");
            assertThat(read.body()).as("no second factor demanded unless asked").contains("\"requireSecondFactor\":false");
            var strict = api(node, admin, "POST", "", APP.replace("\"wiki\"", "\"vault\"").replace("\"homeUri\"",
                    "\"requireSecondFactor\": true, \"homeUri\""));
            assertThat(strict.statusCode()).as(strict.body()).isEqualTo(201);
            assertThat(node.bean(OidcClients.class).findByClient("vault")).get()
                    .satisfies(client -> assertThat(client.requireSecondFactor()).isTrue());

            assertThat(read.body()).as("ID tokens RS256 unless chosen").contains("\"idTokenSignedResponseAlg\":\"RS256\"");
            var ec = api(node, admin, "POST", "", APP.replace("\"wiki\"", "\"charts\"").replace("\"homeUri\"",
                    "\"idTokenSignedResponseAlg\": \"ES256\", \"homeUri\""));
            assertThat(ec.statusCode()).as(ec.body()).isEqualTo(201);
            assertThat(node.bean(OidcClients.class).findByClientId("charts").getTokenSettings().getIdTokenSignatureAlgorithm())
                    .hasToString("ES256");
            var none = api(node, admin, "POST", "", APP.replace("\"wiki\"", "\"plain\"").replace("\"homeUri\"",
                    "\"idTokenSignedResponseAlg\": \"none\", \"homeUri\""));
            assertThat(none.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(none.body()).get("errors").has("idTokenSignedResponseAlg")).isTrue();

            var duplicate = api(node, admin, "POST", "", APP);
            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

            var invalid = api(node, admin, "POST", "", APP.replace("\"wiki\"", "\"bad id!\"")
                    .replace("https://wiki.example.com/callback", "wiki.example.com/callback").replace("600", "5"));
            assertThat(invalid.statusCode()).isEqualTo(400);
            JsonNode errors = JSON.readTree(invalid.body()).get("errors");
            assertThat(errors.has("clientId")).isTrue();
            assertThat(errors.has("redirectUris")).isTrue();
            assertThat(errors.has("accessTokenTtlSeconds")).isTrue();
            assertThat(api(node, admin, "POST", "", "{not json").statusCode()).isEqualTo(400);

            var updated = api(node, admin, "PUT", "/" + id, APP.replace("\"Wiki\"", "\"Team wiki\""));
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
            assertThat(node.bean(OidcClients.class).findByClientId("wiki").getClientName()).isEqualTo("Team wiki");

            var rotated = api(node, admin, "POST", "/" + id + "/secret", null);
            String newSecret = JSON.readTree(rotated.body()).get("secret").asString();
            assertThat(clientCredentials(node, "wiki", secret)).as("the old secret stops working").isEqualTo(401);
            assertThat(clientCredentials(node, "wiki", newSecret)).isEqualTo(200);

            assertThat(api(node, admin, "GET", "/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
            assertThat(api(node, admin, "DELETE", "/" + id, null).statusCode()).isEqualTo(204);
            assertThat(api(node, admin, "GET", "/" + id, null).statusCode()).isEqualTo(404);
            assertThat(clientCredentials(node, "wiki", newSecret)).as("a deleted application cannot get tokens").isEqualTo(401);

            AuditLog audit = node.bean(AuditLog.class);
            var updates = audit.search(new AuditLog.Filter("application.updated", "admin", null, null, null), 10);
            assertThat(updates).hasSize(1);
            assertThat(updates.getFirst().details().get("before")).contains("\"Wiki\"");
            assertThat(updates.getFirst().details().get("after")).contains("\"Team wiki\"");
            for (String action : new String[] {"application.created", "application.secret_rotated", "application.deleted"}) {
                assertThat(audit.search(new AuditLog.Filter(action, "admin", null, null, null), 10)).as(action)
                        .hasSize(action.equals("application.created") ? 3 : 1); // wiki, vault and charts
            }
            assertThat(audit.search(AuditLog.Filter.any(), 500)).as("no secret in the audit log")
                    .noneMatch(e -> e.details().toString().contains(newSecret));
        }
    }

    @DatabaseTest
    void onlyAdministratorsMayUseTheApiOrThePages(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            node.session().setUp("admin", PASSWORD);
            db.dsl().insertInto(DSL.table("identity_user"))
                    .set(DSL.field("id", String.class), UUID.randomUUID().toString())
                    .set(DSL.field("username", String.class), "bob").set(DSL.field("username_key", String.class), "bob")
                    .set(DSL.field("password_hash", String.class), node.bean(PasswordEncoder.class).encode(PASSWORD))
                    .set(DSL.field("enabled", Boolean.class), true)
                    .set(DSL.field("created_at", Long.class), System.currentTimeMillis()).execute();
            WebSession bob = node.session().signIn("bob", PASSWORD);
            bob.get("/");

            assertThat(api(node, bob, "GET", "", null).statusCode()).isEqualTo(403);
            assertThat(api(node, bob, "POST", "", APP).statusCode()).isEqualTo(403);
            assertThat(bob.get("/admin/identity/applications").statusCode()).isEqualTo(403);
            assertThat(node.bean(OidcClients.class).list()).as("only Holdfast's own").extracting(OidcClient::clientId)
                    .containsExactlyInAnyOrder(BUILT_IN);
        }
    }

    @DatabaseTest
    void administratorsRegisterEditAndDeleteOnTheAdminPages(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            String listed = admin.get("/admin/identity/applications").body();
            assertThat(listed).as("Holdfast's own, without a delete button").contains("<code>holdfast-crm</code>", "part of Holdfast")
                    .doesNotContain("/delete");
            admin.get("/admin/identity/applications/new");

            var invalid = admin.post("/admin/identity/applications", Map.of("clientId", "crm", "name", "<b>CRM</b>",
                    "redirectUris", "not a uri", "grantTypes", "authorization_code", "confidential", "true"));
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("id=\"redirectUris-error\"").contains("value=\"&lt;b>CRM&lt;/b>\"")
                    .doesNotContain("<b>CRM</b>");

            var created = admin.post("/admin/identity/applications", Map.of("clientId", "crm", "name", "<b>CRM</b>",
                    "redirectUris", "https://crm.example.com/cb\nhttps://crm.example.com/cb2", "grantTypes", "authorization_code",
                    "confidential", "true", "scopes", "openid profile", "allowedGroups", "sales\nsupport",
                    "accessTokenTtlSeconds", "300", "refreshTokenTtlSeconds", "86400"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("id=\"secret\"");
            OidcClient crm = node.bean(OidcClients.class).findByClient("crm").orElseThrow();
            assertThat(crm.redirectUris()).hasSize(2);
            assertThat(crm.allowedGroups()).containsExactlyInAnyOrder("sales", "support");

            assertThat(admin.get("/admin/identity/applications").body()).contains("&lt;b&gt;CRM&lt;/b&gt;").contains("sales, support");
            var edit = admin.get("/admin/identity/applications/" + crm.id());
            assertThat(edit.body()).contains("https://crm.example.com/cb2").contains("id=\"rotate\"");
            var saved = admin.post("/admin/identity/applications/" + crm.id(), Map.of("clientId", "crm", "name", "CRM",
                    "redirectUris", "https://crm.example.com/cb", "grantTypes", "authorization_code", "confidential", "true",
                    "scopes", "openid", "accessTokenTtlSeconds", "300", "refreshTokenTtlSeconds", "86400"));
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(node.bean(OidcClients.class).find(crm.id()).orElseThrow().allowedGroups()).as("groups cleared").isEmpty();

            admin.get("/admin/identity/applications/" + crm.id());
            assertThat(admin.post("/admin/identity/applications/" + crm.id() + "/secret", Map.of()).body()).contains("id=\"secret\"");
            admin.get("/admin/identity/applications");
            assertThat(admin.post("/admin/identity/applications/" + crm.id() + "/delete", Map.of()).statusCode()).isEqualTo(302);
            assertThat(node.bean(OidcClients.class).list()).extracting(OidcClient::clientId).containsExactlyInAnyOrder(BUILT_IN);
            String builtIn = node.bean(OidcClients.class).findByClient("holdfast-crm").orElseThrow().id();
            assertThat(admin.post("/admin/identity/applications/" + builtIn + "/delete", Map.of()).statusCode())
                    .as("Holdfast's own cannot be deleted").isEqualTo(409);
            assertThat(node.bean(OidcClients.class).findByClient("holdfast-crm")).isPresent();
            assertThat(admin.get("/admin/identity/applications/" + crm.id()).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> api(TestNode node, WebSession session, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/api/identity/v1/applications" + path))
                .header("Cookie", session.cookieHeader()).header("X-CSRF-TOKEN", session.csrfToken())
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int clientCredentials(TestNode node, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(node.uri("/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
