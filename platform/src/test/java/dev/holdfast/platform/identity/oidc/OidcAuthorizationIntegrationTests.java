package dev.holdfast.platform.identity.oidc;

import static dev.holdfast.platform.identity.oidc.OidcTestClient.JSON;
import static dev.holdfast.platform.identity.oidc.OidcTestClient.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Group restriction, consent, introspection and revocation, as users and relying parties meet them over HTTP. */
class OidcAuthorizationIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Set<String> CODE = Set.of("authorization_code", "refresh_token");

    @DatabaseTest
    void usersOutsideAnApplicationsGroupsEndOnHoldfastsAccessDeniedPage(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            rp.register("payroll", CODE, false, Set.of("finance"), null);
            rp.register("wiki", CODE, false, Set.of(), null);

            String location = OidcTestClient.authorize(browser, "payroll", "v".repeat(64));
            assertThat(location).as("no code, no redirect to the application").doesNotContain("code=")
                    .doesNotStartWith(REDIRECT).contains("/oauth2/access-denied");
            var page = browser.get(location);
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).contains("Access denied").contains("App payroll");
            assertThat(OidcTestClient.authorize(browser, "wiki", "v".repeat(64))).as("an application for everyone")
                    .startsWith(REDIRECT + "?code=");

            var denied = node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.access.denied", "admin", null, null, null), 10);
            assertThat(denied).hasSize(1).allSatisfy(e -> assertThat(e.target()).isEqualTo("client:payroll"));
        }
    }

    @DatabaseTest
    void anApplicationThatRequiresConsentAsksAndRemembersTheAnswer(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            new OidcTestClient(node).register("crm", CODE, true, Set.of(), null);

            String consent = OidcTestClient.authorize(browser, "crm", "v".repeat(64));
            assertThat(consent).contains("/oauth2/consent");
            var page = browser.get(consent);
            assertThat(page.body()).contains("Allow App crm?").contains("value=\"profile\"").contains("id=\"deny\"");
            String state = OidcTestClient.parameter(consent, "state");

            var deny = browser.post("/oauth2/authorize", Map.of("client_id", "crm", "state", state));
            assertThat(deny.headers().firstValue("Location").orElse("")).as("Deny: the application hears access_denied")
                    .startsWith(REDIRECT).contains("error=access_denied").contains("state=st").doesNotContain("code=");

            String again = OidcTestClient.authorize(browser, "crm", "v".repeat(64));
            assertThat(again).as("denying remembers nothing").contains("/oauth2/consent");
            browser.get(again);
            String allowState = OidcTestClient.parameter(again, "state");
            var allow = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(node.uri("/oauth2/authorize"))
                    .header("Cookie", browser.cookieHeader()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("client_id=crm&scope=profile&scope=email&state="
                            + OidcTestClient.enc(allowState) + "&_csrf=" + OidcTestClient.enc(browser.csrfToken()))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(allow.headers().firstValue("Location").orElse("")).startsWith(REDIRECT + "?code=");

            assertThat(OidcTestClient.authorize(browser, "crm", "v".repeat(64))).as("Allow is remembered")
                    .startsWith(REDIRECT + "?code=");
        }
    }

    @DatabaseTest
    void revokedRefreshTokensStopWorkingAndIntrospectAsInactive(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            String secret = rp.register("app", CODE, false, Set.of(), null).secret();
            JsonNode tokens = rp.signIn(browser, "app", secret);
            String refresh = tokens.get("refresh_token").asString();

            JsonNode active = JSON.readTree(rp.post("/oauth2/introspect", "app", secret, Map.of("token", refresh)).body());
            assertThat(active.get("active").asBoolean()).isTrue();
            assertThat(active.get("client_id").asString()).isEqualTo("app");
            JsonNode access = JSON.readTree(rp.post("/oauth2/introspect", "app", secret,
                    Map.of("token", tokens.get("access_token").asString())).body());
            assertThat(access.get("active").asBoolean()).isTrue();
            assertThat(access.get("scope").asString()).contains("openid");

            var revoked = rp.post("/oauth2/revoke", "app", secret, Map.of("token", refresh, "token_type_hint", "refresh_token"));
            assertThat(revoked.statusCode()).isEqualTo(200);

            var refreshed = rp.post("/oauth2/token", "app", secret, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
            assertThat(refreshed.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refreshed.body()).get("error").asString()).isEqualTo("invalid_grant");
            JsonNode inactive = JSON.readTree(rp.post("/oauth2/introspect", "app", secret, Map.of("token", refresh)).body());
            assertThat(inactive.get("active").asBoolean()).as("a revoked token is not active").isFalse();
            JsonNode unknown = JSON.readTree(rp.post("/oauth2/introspect", "app", secret, Map.of("token", "made-up")).body());
            assertThat(unknown.get("active").asBoolean()).isFalse();
        }
    }
}
