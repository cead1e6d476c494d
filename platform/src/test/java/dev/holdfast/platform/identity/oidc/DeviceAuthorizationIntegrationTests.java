package dev.holdfast.platform.identity.oidc;

import static dev.holdfast.platform.identity.oidc.OidcTestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** RFC 8628: a device without a browser gets tokens once its user enters the code on Holdfast's page. */
class DeviceAuthorizationIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @DatabaseTest
    void aDeviceSignsInWhenItsUserEntersTheCodeAndConsents(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            String secret = rp.register("tv", Set.of(DEVICE_GRANT, "refresh_token"), true, Set.of(), null).secret();
            String other = rp.register("web", Set.of("authorization_code"), false, Set.of(), null).secret();

            var refused = rp.post("/oauth2/device_authorization", "web", other, Map.of("scope", "openid"));
            assertThat(refused.statusCode()).as("only applications with the grant type").isEqualTo(400);
            assertThat(refused.body()).as(refused.body()).contains("unauthorized_client");

            var authorization = rp.post("/oauth2/device_authorization", "tv", secret, Map.of("scope", "profile email"));
            assertThat(authorization.statusCode()).as(authorization.body()).isEqualTo(200);
            JsonNode started = JSON.readTree(authorization.body());
            String deviceCode = started.get("device_code").asString();
            String userCode = started.get("user_code").asString();
            assertThat(started.get("verification_uri").asString()).endsWith("/oauth2/device_verification");
            Map<String, String> poll = Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode);
            var pending = rp.post("/oauth2/token", "tv", secret, poll);
            assertThat(JSON.readTree(pending.body()).get("error").asString()).isEqualTo("authorization_pending");

            var page = browser.get("/oauth2/device_verification");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Connect a device").contains("name=\"user_code\"");
            var wrong = browser.get("/oauth2/device_verification?user_code=WRONG-CODE");
            assertThat(browser.get(wrong.headers().firstValue("Location").orElseThrow()).body()).contains("id=\"failed\"");

            var entered = browser.get("/oauth2/device_verification?user_code=" + OidcTestClient.enc(userCode));
            String consent = entered.headers().firstValue("Location").orElse("");
            assertThat(consent).contains("/oauth2/consent").contains("user_code=");
            var consentPage = browser.get(consent);
            assertThat(consentPage.body()).contains("Allow App tv?").contains("action=\"/oauth2/device_verification\"");
            var allowed = browser.post("/oauth2/device_verification", Map.of("client_id", "tv", "user_code", userCode,
                    "state", OidcTestClient.parameter(consent, "state"), "scope", "profile"));
            String done = allowed.headers().firstValue("Location").orElse("");
            assertThat(done).contains("/oauth2/device_verification?success");
            assertThat(browser.get(done).body()).contains("id=\"connected\"");

            var tokens = rp.post("/oauth2/token", "tv", secret, poll);
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            JsonNode issued = JSON.readTree(tokens.body());
            assertThat(issued.has("access_token")).isTrue();
            assertThat(issued.get("scope").asString()).contains("profile");
            assertThat(rp.post("/oauth2/token", "tv", secret, poll).statusCode()).as("a device code works once").isEqualTo(400);

            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.device.authorized", "admin", null, null, null), 5))
                    .hasSize(1);
        }
    }
}
