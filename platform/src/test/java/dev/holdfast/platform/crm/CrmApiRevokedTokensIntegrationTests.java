package dev.holdfast.platform.crm;

import static dev.holdfast.platform.crm.OidcClientFlows.REDIRECT;
import static dev.holdfast.platform.crm.OidcClientFlows.assertUnauthorized;
import static dev.holdfast.platform.crm.OidcClientFlows.authorize;
import static dev.holdfast.platform.crm.OidcClientFlows.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Credentials that stop working stop working on {@code /api/v1} at once, though the CRM checks the provider's access
 * tokens in-process from memory: an access token revoked at {@code /oauth2/revoke}, the tokens of a session signed
 * out, the tokens of a user disabled, a service account's API key revoked; and on a second node sharing the database.
 */
class CrmApiRevokedTokensIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;
    private static final String ISSUER = "http://holdfast.test";

    @DatabaseTest
    void revokedSignedOutAndDisabledCredentialsAreRefused(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
            String secret = application(identity);
            String carolId = CrmPeople.withRole(node, admin, "carol", "{\"Account\": {\"create\": \"yes\", \"read\": \"all\"}}");

            // revoked at the revocation endpoint: the next call is refused, though the signature is as good as before
            WebSession carol = node.session().signIn("carol", PASSWORD);
            JsonNode tokens = tokens(node, carol, secret);
            JsonClient asCarol = JsonClient.bearer(node, tokens.get("access_token").asString());
            assertThat(asCarol.get("/api/v1/Account").statusCode()).as("works (and is now remembered)").isEqualTo(200);
            assertThat(revoke(node, secret, tokens.get("access_token").asString(), "access_token").statusCode()).isEqualTo(200);
            assertUnauthorized(asCarol.get("/api/v1/Account"), "revoked at /oauth2/revoke");

            // revoking the refresh token revokes the access token issued with it
            JsonNode second = tokens(node, carol, secret);
            JsonClient withSecond = JsonClient.bearer(node, second.get("access_token").asString());
            assertThat(withSecond.get("/api/v1/Account").statusCode()).isEqualTo(200);
            assertThat(revoke(node, secret, second.get("refresh_token").asString(), "refresh_token").statusCode()).isEqualTo(200);
            assertUnauthorized(withSecond.get("/api/v1/Account"), "its refresh token revoked");

            // signing out ends the tokens issued in that session, access and refresh
            JsonNode third = tokens(node, carol, secret);
            JsonClient withThird = JsonClient.bearer(node, third.get("access_token").asString());
            assertThat(withThird.get("/api/v1/Account").statusCode()).isEqualTo(200);
            carol.get("/account");
            assertThat(carol.post("/logout", Map.of()).statusCode()).isEqualTo(302);
            assertUnauthorized(withThird.get("/api/v1/Account"), "signed out");
            assertThat(token(node, secret, Map.of("grant_type", "refresh_token", "refresh_token",
                    third.get("refresh_token").asString())).statusCode()).as("the refresh token too").isEqualTo(400);

            // a disabled user's token is refused; enabled again, it works again (it was never revoked)
            WebSession again = node.session().signIn("carol", PASSWORD);
            JsonClient withFourth = JsonClient.bearer(node, tokens(node, again, secret).get("access_token").asString());
            assertThat(withFourth.get("/api/v1/Account").statusCode()).isEqualTo(200);
            assertThat(identity.patch("/users/" + carolId, "{\"enabled\": false}").statusCode()).isEqualTo(200);
            assertUnauthorized(withFourth.get("/api/v1/Account"), "user disabled");
            assertThat(identity.patch("/users/" + carolId, "{\"enabled\": true}").statusCode()).isEqualTo(200);
            assertThat(withFourth.get("/api/v1/Account").statusCode()).isEqualTo(200);

            // a service account's API key, remembered after its first use, is refused once revoked
            String robot = identity.create("/service-accounts", "{\"name\":\"robot\"}").get("id").asString();
            JsonNode key = identity.create("/service-accounts/" + robot + "/tokens", "{\"name\":\"key\"}");
            JsonClient byKey = JsonClient.apiKey(node, key.get("token").asString());
            assertThat(byKey.get("/api/v1/Account").statusCode()).as("accepted (it holds no CRM role)").isNotEqualTo(401);
            assertThat(identity.delete("/service-accounts/" + robot + "/tokens/" + key.get("details").get("id").asString())
                    .statusCode() / 100)
                    .isEqualTo(2);
            assertUnauthorized(byKey.get("/api/v1/Account"), "API key revoked");
        }
    }

    @DatabaseTest
    void aTokenRevokedOnOneNodeIsRefusedOnTheOther(TestDatabase db) throws Exception {
        Map<String, String> settings = Map.of("holdfast.identity.oidc.issuer", ISSUER);
        try (TestNode first = db.startNode(settings); TestNode second = db.startNode(settings)) {
            WebSession admin = first.session().setUp("admin", PASSWORD);
            JsonClient identity = JsonClient.session(first, admin).under("/api/identity/v1");
            String secret = application(identity);
            CrmPeople.withRole(first, admin, "carol", "{\"Account\": {\"create\": \"yes\", \"read\": \"all\"}}");
            WebSession carol = first.session().signIn("carol", PASSWORD);
            String access = tokens(first, carol, secret).get("access_token").asString();

            JsonClient onSecond = JsonClient.bearer(second, access);
            assertThat(onSecond.get("/api/v1/Account").statusCode()).as("the second node accepts (and remembers) it").isEqualTo(200);
            assertThat(revoke(first, secret, access, "access_token").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = onSecond.get("/api/v1/Account");
            for (int i = 0; i < 100 && refused.statusCode() == 200; i++) { // the other node hears of it at once (PostgreSQL) or within the 1 s revision poll
                Thread.sleep(100);
                refused = onSecond.get("/api/v1/Account");
            }
            assertUnauthorized(refused, "revoked on the first node");
        }
    }

    private static String application(JsonClient identity) {
        return identity.create("/applications", """
                {"clientId": "crm-sync", "name": "CRM sync", "confidential": true,
                 "redirectUris": ["%s"], "scopes": ["openid", "profile"],
                 "grantTypes": ["authorization_code", "refresh_token"], "requireConsent": false,
                 "accessTokenTtlSeconds": 300}""".formatted(REDIRECT)).get("secret").asString();
    }

    private JsonNode tokens(TestNode node, WebSession browser, String secret) throws Exception {
        String verifier = "verifier-" + "v".repeat(50);
        HttpResponse<String> response = token(node, secret, Map.of("grant_type", "authorization_code",
                "code", authorize(browser, verifier), "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonClient.JSON.readTree(response.body());
    }

    private HttpResponse<String> token(TestNode node, String secret, Map<String, String> form) throws Exception {
        return postForm(node, "/oauth2/token", "crm-sync", secret, form);
    }

    private HttpResponse<String> revoke(TestNode node, String secret, String token, String hint) throws Exception {
        return postForm(node, "/oauth2/revoke", "crm-sync", secret, Map.of("token", token, "token_type_hint", hint));
    }

}
