package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holdfast's own modules are clients of its provider: a browser (a cookie-keeping HTTP client, stepping through each
 * redirect) signs in once and opens the CRM and monitoring, each through a real authorization code + PKCE round
 * trip; a module's application restricted to a group turns others away; signing out ends every module's sign-in.
 */
class ModuleSignInEndToEndTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DatabaseTest
    void oneSignInOpensEveryModuleThroughTheProvider(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);

            HttpResponse<String> crm = admin.step("/crm");
            assertThat(crm.statusCode()).isEqualTo(302);
            assertThat(location(crm)).startsWith(node.uri("/oauth2/authorize?").toString())
                    .contains("client_id=holdfast-crm", "code_challenge_method=S256", "code_challenge=", "nonce=", "state=",
                            "redirect_uri=" + node.uri("/crm/sso/callback"));
            HttpResponse<String> atProvider = admin.step(location(crm));
            assertThat(location(atProvider)).as("signed in already: straight back with a code, no password asked")
                    .startsWith(node.uri("/crm/sso/callback?code=").toString());
            HttpResponse<String> callback = admin.step(location(atProvider));
            assertThat(callback.statusCode()).isEqualTo(302);
            assertThat(location(callback)).isEqualTo(node.uri("/crm").toString());
            assertThat(admin.step("/crm/Account").statusCode()).as("signed in to the CRM now").isEqualTo(200);
            assertThat(location(admin.step(location(atProvider)))).as("a code is good for one sign-in only").isEqualTo(node.uri("/crm").toString());

            HttpResponse<String> monitor = admin.step("/monitor");
            assertThat(location(monitor)).contains("client_id=holdfast-monitor");
            HttpResponse<String> monitorAtProvider = admin.step(location(monitor));
            assertThat(location(monitorAtProvider)).as("the second module needs no password either")
                    .startsWith(node.uri("/monitor/sso/callback?code=").toString());
            assertThat(location(admin.step(location(monitorAtProvider)))).isEqualTo(node.uri("/monitor").toString());
            assertThat(admin.step("/monitor").statusCode()).isEqualTo(200);
            assertThat(admin.step("/crm").statusCode()).as("the CRM's sign-in is still there").isEqualTo(200);

            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.authorized", "admin", null, null, null), 10))
                    .extracting(AuditEvent::target).contains("client:holdfast-crm", "client:holdfast-monitor");
        }
    }

    /** The bug this catches: the callback answered 403 when the flow had started on another node. */
    @DatabaseTest
    void aSignInStartedOnOneNodeCompletesOnAnother(TestDatabase db) {
        try (TestNode first = db.startNode(); TestNode second = db.startNode()) {
            WebSession admin = first.session().setUp("admin", PASSWORD);
            String atProvider = location(admin.step(location(admin.step("/crm"))));
            assertThat(atProvider).startsWith(first.uri("/crm/sso/callback?code=").toString());
            String onSecond = atProvider.replace(first.uri("").toString(), second.uri("").toString());
            HttpResponse<String> callback = admin.step(onSecond);
            assertThat(location(callback)).as("the second node completed it").isEqualTo(second.uri("/crm").toString());
            assertThat(admin.step(second.uri("/crm").toString()).statusCode()).isEqualTo(200);
            assertThat(admin.step("/crm").statusCode()).as("one session, on every node").isEqualTo(200);
        }
    }

    @DatabaseTest
    void signingOutEndsEveryModulesSignIn(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            assertThat(admin.get("/crm").statusCode()).isEqualTo(200);
            assertThat(admin.get("/backups").statusCode()).isEqualTo(200);

            HttpResponse<String> signedOut = admin.post("/logout", Map.of());
            assertThat(location(signedOut)).contains("/login?signedOut");
            assertThat(location(admin.step("/crm"))).as("the CRM asks for the password again").endsWith("/login");
            assertThat(location(admin.step("/backups"))).endsWith("/login");

            admin.signIn("admin", PASSWORD);
            assertThat(location(admin.step("/crm"))).as("a new sign-in signs in to the CRM anew")
                    .contains("/oauth2/authorize?", "client_id=holdfast-crm");
        }
    }

    /**
     * RP-initiated logout ({@code /connect/logout} with an ID token of any application signed in in this browser)
     * ends the Holdfast session, and with it every module's sign-in: each asks for the password again.
     */
    @DatabaseTest
    void rpInitiatedLogoutEndsEveryModulesSignIn(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            assertThat(admin.get("/crm").statusCode()).isEqualTo(200);
            assertThat(admin.get("/monitor").statusCode()).isEqualTo(200);
            assertThat(admin.get("/backups").statusCode()).isEqualTo(200);
            OidcTestClient wiki = new OidcTestClient(node);
            String secret = wiki.register("wiki", java.util.Set.of("authorization_code"), false, java.util.Set.of(), null).secret();
            String idToken = wiki.signIn(admin, "wiki", secret).get("id_token").asString();

            HttpResponse<String> logout = admin.step("/connect/logout?id_token_hint=" + idToken);
            assertThat(logout.statusCode()).as("logged out: " + logout.body()).isIn(200, 302);

            for (String module : java.util.List.of("/crm", "/monitor", "/backups")) {
                assertThat(location(admin.step(module))).as(module + " asks for the password again").endsWith("/login");
            }
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.logout", "admin", null, null, null), 5))
                    .extracting(AuditEvent::target).contains("client:wiki");

            admin.signIn("admin", PASSWORD);
            assertThat(location(admin.step("/crm"))).as("the next sign-in signs in to the CRM anew")
                    .contains("/oauth2/authorize?", "client_id=holdfast-crm");
        }
    }

    /**
     * The CRM's application demands a second factor: an administrator who signed in with the password alone opens
     * monitoring as before, but signing in to the CRM asks for a second factor (enrolling one first, as this person
     * has none), then carries on to the CRM.
     */
    @DatabaseTest
    void aModuleThatDemandsASecondFactorAsksForItOnTheWayIn(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            ObjectNode crm = application(node, admin, "holdfast-crm");
            String id = crm.get("id").asString();
            crm.remove(java.util.List.of("id", "createdAt", "updatedAt"));
            crm.put("requireSecondFactor", true);
            assertThat(api(node, admin, "PUT", "/applications/" + id, crm.toString()).statusCode()).isEqualTo(200);

            assertThat(admin.get("/monitor").statusCode()).as("monitoring demands nothing more").isEqualTo(200);

            HttpResponse<String> toCrm = admin.step("/crm");
            assertThat(location(toCrm)).contains("client_id=holdfast-crm");
            HttpResponse<String> atProvider = admin.step(location(toCrm));
            assertThat(location(atProvider)).as("no code for the CRM without a second factor")
                    .doesNotContain("code=").contains("/login/second-factor");
            assertThat(location(admin.step(location(atProvider)))).as("none enrolled: set one up first").endsWith("/login/enrol");
            assertThat(admin.step("/crm/Account").statusCode()).as("still not signed in to the CRM").isNotEqualTo(200);

            String secret = OidcSecondFactorIntegrationTests.match(OidcSecondFactorIntegrationTests.SECRET,
                    admin.step("/login/enrol").body());
            HttpResponse<String> enrolled = admin.post("/login/enrol/totp",
                    Map.of("code", OidcSecondFactorIntegrationTests.totp(secret, java.time.Instant.now())));
            assertThat(enrolled.statusCode()).isEqualTo(200);
            // the recovery codes page continues to the page asked for, which signs in to the CRM through the provider
            String next = OidcSecondFactorIntegrationTests.match(java.util.regex.Pattern.compile(
                    "href=\"([^\"]*(?:oauth2/authorize|\\?continue)[^\"]*)\""), enrolled.body()).replace("&amp;", "&");
            admin.get(next.replaceFirst("^https?://[^/]+", ""));
            assertThat(admin.step("/crm/Account").statusCode()).as("signed in to the CRM now").isEqualTo(200);
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.authorized", "admin", null, null, null), 10))
                    .as("with a code of the provider").extracting(AuditEvent::target).contains("client:holdfast-crm");
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.second_factor.demanded", "admin", null, null, null), 5))
                    .extracting(AuditEvent::target).contains("client:holdfast-crm");
        }
    }

    @DatabaseTest
    void aModuleRestrictedToAGroupTurnsOthersAway(TestDatabase db) {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            String bob = create(node, admin, "/users", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}").get("id").asString();
            String ops = create(node, admin, "/groups", "{\"name\":\"ops\"}").get("id").asString();

            ObjectNode monitoring = application(node, admin, "holdfast-monitor");
            String id = monitoring.get("id").asString();
            monitoring.remove(java.util.List.of("id", "createdAt", "updatedAt"));
            assertThat(monitoring.get("redirectUris").get(0).asString()).isEqualTo(node.uri("/monitor/sso/callback").toString());
            monitoring.putArray("allowedGroups").add("ops");
            monitoring.putArray("redirectUris").add("https://elsewhere.example/steal");
            assertThat(api(node, admin, "PUT", "/applications/" + id, monitoring.toString()).statusCode()).isEqualTo(200);
            assertThat(application(node, admin, "holdfast-monitor").get("redirectUris").get(0).asString())
                    .as("what the module needs stays as it is").isEqualTo(node.uri("/monitor/sso/callback").toString());
            assertThat(api(node, admin, "DELETE", "/applications/" + id, null).statusCode()).as("built in: not deletable").isEqualTo(409);
            monitoring.put("clientId", "renamed");
            HttpResponse<String> renamed = api(node, admin, "PUT", "/applications/" + id, monitoring.toString());
            assertThat(renamed.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(renamed.body()).get("errors").has("clientId")).isTrue();

            WebSession bobsBrowser = node.session().signIn("bob", PASSWORD);
            assertThat(bobsBrowser.get("/crm").statusCode()).as("the CRM is open to everyone").isEqualTo(200);
            HttpResponse<String> turnedAway = bobsBrowser.get("/monitor");
            assertThat(location(turnedAway)).contains("/oauth2/access-denied");
            HttpResponse<String> denied = bobsBrowser.step(location(turnedAway));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("Monitoring");
            assertThat(bobsBrowser.step("/monitor").statusCode()).as("still not signed in to monitoring").isEqualTo(302);
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.access.denied", "bob", null, null, null), 5))
                    .extracting(AuditEvent::target).contains("client:holdfast-monitor");

            assertThat(api(node, admin, "PUT", "/groups/" + ops + "/members/" + bob, null).statusCode()).isEqualTo(204);
            assertThat(bobsBrowser.get("/monitor").statusCode()).as("a member of ops may").isEqualTo(200);
        }
    }

    private static ObjectNode application(TestNode node, WebSession admin, String clientId) {
        for (JsonNode app : JSON.readTree(api(node, admin, "GET", "/applications", null).body())) {
            if (app.get("clientId").asString().equals(clientId)) {
                return (ObjectNode) app;
            }
        }
        throw new AssertionError("no built-in application " + clientId);
    }

    private static JsonNode create(TestNode node, WebSession admin, String path, String json) {
        HttpResponse<String> response = api(node, admin, "POST", path, json);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** The identity API with the administrator's session and the CSRF token of a page it loads now. */
    private static HttpResponse<String> api(TestNode node, WebSession admin, String method, String path, String json) {
        admin.step("/");
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/api/identity/v1" + path))
                .header("Accept", "application/json").header("Cookie", admin.cookieHeader())
                .header("X-CSRF-TOKEN", admin.csrfToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

}
