package dev.holdfast.platform.crm;

import static dev.holdfast.platform.crm.OidcClientFlows.REDIRECT;
import static dev.holdfast.platform.crm.OidcClientFlows.assertUnauthorized;
import static dev.holdfast.platform.crm.OidcClientFlows.authorize;
import static dev.holdfast.platform.crm.OidcClientFlows.enc;
import static dev.holdfast.platform.crm.OidcClientFlows.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;

/**
 * The CRM APIs' machine credentials, over HTTP against a running node: OIDC access tokens of Holdfast's own provider
 * (client credentials acting as a service account, code + PKCE acting as a person whose CRM roles apply), EspoCRM's
 * {@code X-Hmac-Authorization} computed here independently, and service-account tokens on the access admin API.
 */
class CrmApiCredentialsIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void oidcAccessTokensActAsTheirUserOrServiceAccount(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient session = JsonClient.session(node, admin);
            session.ok(session.post("/api/v1/Account", "{\"name\":\"Acme\"}"));
            session.ok(session.post("/api/v1/Account", "{\"name\":\"Globex\"}"));
            JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
            JsonClient crm = JsonClient.session(node, admin).under("/api/crm/v1");

            // an application with the client id of a service account: its client-credentials tokens act as that account
            String secret = identity.create("/applications", """
                    {"clientId": "crm-sync", "name": "CRM sync", "confidential": true,
                     "redirectUris": ["%s"], "scopes": ["openid", "profile"],
                     "grantTypes": ["authorization_code", "client_credentials"], "requireConsent": false,
                     "accessTokenTtlSeconds": 300}""".formatted(REDIRECT)).get("secret").asString();
            String robot = identity.create("/service-accounts", "{\"name\":\"crm-sync\"}").get("id").asString();
            String robots = identity.create("/groups", "{\"name\":\"robots\"}").get("id").asString();
            assertThat(identity.put("/groups/" + robots + "/members/" + robot, null).statusCode()).isEqualTo(204);
            crm.create("/roles", "{\"name\":\"Sync\",\"permissions\":{\"Account\":{\"create\":\"yes\",\"read\":\"all\"}}}");
            assertThat(crm.put("/group-mappings/robots", "{\"roles\":[\"Sync\"]}").statusCode() / 100).isEqualTo(2);

            String appToken = token("crm-sync", secret, node, Map.of("grant_type", "client_credentials")).get("access_token").asString();
            JsonClient app = JsonClient.bearer(node, appToken);
            HttpResponse<String> listed = app.get("/api/v1/Account", "orderBy", "name", "order", "asc");
            assertThat(names(app.ok(listed))).containsExactly("Acme", "Globex");
            assertThat(listed.headers().allValues("Set-Cookie")).as("stateless").isEmpty();
            assertThat(app.ok(app.post("/api/v1/Account", "{\"name\":\"Made by the app\"}")).get("createdByName").asString())
                    .as("acts as the service account, without a CSRF token").isEqualTo("crm-sync");

            // a person's token from code + PKCE acts as that person: their CRM role applies
            CrmPeople.withRole(node, admin, "carol", "{\"Account\": {\"create\": \"yes\", \"read\": \"own\"}}");
            WebSession carol = node.session().signIn("carol", PASSWORD);
            String verifier = "verifier-" + "v".repeat(50);
            JsonNode carolTokens = token("crm-sync", secret, node, Map.of("grant_type", "authorization_code",
                    "code", authorize(carol, verifier), "redirect_uri", REDIRECT, "code_verifier", verifier));
            JsonClient asCarol = JsonClient.bearer(node, carolTokens.get("access_token").asString());
            assertThat(asCarol.ok(asCarol.get("/api/v1/Account")).get("total").asLong()).as("read: own").isZero();
            asCarol.ok(asCarol.post("/api/v1/Account", "{\"name\":\"Carol's\"}"));
            assertThat(names(asCarol.ok(asCarol.get("/api/v1/Account")))).containsExactly("Carol's");
            assertUnauthorized(JsonClient.bearer(node, carolTokens.get("id_token").asString()).get("/api/v1/Account"),
                    "an ID token is not an access token");

            // a second factor demanded of carol later sends her browser to the factor step, but her access token,
            // issued under the provider's rules, keeps working until it expires (as Keycloak's do): a credential
            // presented per request is not put through the interactive factor step
            String ops = identity.create("/groups", "{\"name\":\"Ops\",\"attributes\":{\"mfa.required\":\"true\"}}")
                    .get("id").asString();
            String carolId = node.bean(dev.holdfast.platform.identity.UserManagement.class).findByUsername("carol")
                    .orElseThrow().id().toString();
            assertThat(identity.put("/groups/" + ops + "/members/" + carolId, null).statusCode()).isEqualTo(204);
            assertThat(node.session().signIn("carol", PASSWORD).get("/").headers().firstValue("Location"))
                    .get().asString().contains("/login/second-factor");
            assertThat(names(asCarol.ok(asCarol.get("/api/v1/Account")))).containsExactly("Carol's");

            // refused: tampered, expired, another issuer, no audience, a client without a service account
            String[] parts = appToken.split("\\.");
            String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2)
                    + (parts[1].endsWith("A") ? "BB" : "AA") + "." + parts[2];
            assertUnauthorized(JsonClient.bearer(node, tampered).get("/api/v1/Account"), "tampered");
            String issuer = node.uri("").toString().replaceAll("/$", "");
            JwtEncoder keys = node.bean(JwtEncoder.class); // the provider's own signing key
            assertUnauthorized(JsonClient.bearer(node, signed(keys, issuer, "crm-sync", List.of("crm-sync"), Instant.now().minusSeconds(3600)))
                    .get("/api/v1/Account"), "expired");
            assertThat(JsonClient.bearer(node, signed(keys, issuer, "crm-sync", List.of("crm-sync"), Instant.now().plusSeconds(300)))
                    .get("/api/v1/Account").statusCode()).as("the same token, not expired, is accepted").isEqualTo(200);
            assertUnauthorized(JsonClient.bearer(node, signed(keys, "https://elsewhere.example", "crm-sync", List.of("crm-sync"),
                    Instant.now().plusSeconds(300))).get("/api/v1/Account"), "another issuer");
            assertUnauthorized(JsonClient.bearer(node, signed(keys, issuer, "crm-sync", List.of(), Instant.now().plusSeconds(300)))
                    .get("/api/v1/Account"), "no audience");
            String strangerSecret = identity.create("/applications", """
                    {"clientId": "stranger", "name": "Stranger", "confidential": true, "redirectUris": ["%s"],
                     "scopes": ["openid"], "grantTypes": ["client_credentials"], "requireConsent": false,
                     "accessTokenTtlSeconds": 300}""".formatted(REDIRECT)).get("secret").asString();
            assertThat(node.bean(dev.holdfast.platform.identity.UserManagement.class).findByUsername("stranger")).isEmpty();
            assertUnauthorized(JsonClient.bearer(node, token("stranger", strangerSecret, node, Map.of("grant_type", "client_credentials"))
                    .get("access_token").asString()).get("/api/v1/Account"), "no service account for this application");
            assertUnauthorized(JsonClient.bearer(node, "not.a.jwt").get("/api/v1/Account"), "garbage");
        }
    }

    @DatabaseTest
    void hmacSignaturesAndServiceAccountTokensOnTheAdminApi(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient session = JsonClient.session(node, admin);
            session.ok(session.post("/api/v1/Account", "{\"name\":\"Acme\"}"));
            JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
            JsonClient crm = JsonClient.session(node, admin).under("/api/crm/v1");
            String robot = identity.create("/service-accounts", "{\"name\":\"espo-client\"}").get("id").asString();
            String robots = identity.create("/groups", "{\"name\":\"robots\"}").get("id").asString();
            assertThat(identity.put("/groups/" + robots + "/members/" + robot, null).statusCode()).isEqualTo(204);
            crm.create("/roles", "{\"name\":\"Sync\",\"permissions\":{\"Account\":{\"create\":\"yes\",\"read\":\"all\"}}}");
            assertThat(crm.put("/group-mappings/robots", "{\"roles\":[\"Sync\"]}").statusCode() / 100).isEqualTo(2);

            JsonNode issued = identity.create("/service-accounts/" + robot + "/tokens",
                    "{\"name\":\"espo\",\"authenticationMethod\":\"Hmac\"}");
            String apiKey = issued.get("token").asString();
            String secretKey = issued.get("secretKey").asString();
            assertThat(secretKey).hasSizeGreaterThanOrEqualTo(32);
            assertThat(identity.get("/service-accounts/" + robot + "/tokens").body()).as("shown once")
                    .doesNotContain(secretKey).contains("\"authenticationMethod\":\"Hmac\"");

            JsonClient signedGet = JsonClient.headers(node, Map.of("X-Hmac-Authorization", hmac(apiKey, secretKey, "GET /Account")));
            HttpResponse<String> listed = signedGet.get("/api/v1/Account", "select", "name", "maxSize", "5");
            assertThat(names(signedGet.ok(listed))).as("the query is not part of the signed string, as in EspoCRM").containsExactly("Acme");
            JsonClient signedPost = JsonClient.headers(node, Map.of("X-Hmac-Authorization", hmac(apiKey, secretKey, "POST /Account")));
            assertThat(signedPost.ok(signedPost.post("/api/v1/Account", "{\"name\":\"Signed\"}")).get("createdByName").asString())
                    .isEqualTo("espo-client");
            assertUnauthorized(signedGet.get("/api/v1/Contact"), "signed for another path");
            assertUnauthorized(signedGet.post("/api/v1/Account", "{\"name\":\"Replayed\"}"), "signed for another method");
            assertUnauthorized(JsonClient.headers(node, Map.of("X-Hmac-Authorization", hmac(apiKey, secretKey + "x", "GET /Account")))
                    .get("/api/v1/Account"), "wrong secret key");
            assertUnauthorized(JsonClient.headers(node, Map.of("X-Hmac-Authorization", "%%%")).get("/api/v1/Account"), "not base64");
            assertUnauthorized(JsonClient.apiKey(node, apiKey).get("/api/v1/Account"), "an HMAC key does not work unsigned");
            String plainKey = identity.create("/service-accounts/" + robot + "/tokens", "{\"name\":\"plain\"}").get("token").asString();
            assertUnauthorized(JsonClient.headers(node, Map.of("X-Hmac-Authorization", hmac(plainKey, "", "GET /Account")))
                    .get("/api/v1/Account"), "a plain API key has no secret key to sign with");
            assertThat(JsonClient.apiKey(node, plainKey).get("/api/v1/Account").statusCode()).isEqualTo(200);

            // the access admin API: an administrator service account's token, stateless and without CSRF
            JsonClient byKey = JsonClient.apiKey(node, plainKey);
            assertThat(byKey.get("/api/crm/v1/roles").statusCode()).as("not an administrator yet").isEqualTo(403);
            assertThat(identity.put("/roles/00000000-0000-0000-0000-000000000001/assignments/users/" + robot, null).statusCode() / 100)
                    .isEqualTo(2);
            HttpResponse<String> roles = byKey.get("/api/crm/v1/roles");
            assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
            assertThat(roles.body()).contains("Sync");
            assertThat(roles.headers().allValues("Set-Cookie")).isEmpty();
            HttpResponse<String> created = JsonClient.bearer(node, plainKey).post("/api/crm/v1/teams", "{\"name\":\"Robots team\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertUnauthorized(JsonClient.apiKey(node, plainKey + "x").get("/api/crm/v1/roles"), "unknown key");
            assertThat(JsonClient.anonymous(node).under("/api/crm/v1").get("/roles").statusCode()).isEqualTo(401);
        }
    }

    private static String hmac(String apiKey, String secretKey, String string) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secretKey.isEmpty() ? new byte[1] : secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hash = HexFormat.of().formatHex(mac.doFinal(string.getBytes(StandardCharsets.UTF_8)));
        return Base64.getEncoder().encodeToString((apiKey + ":" + hash).getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(JwtEncoder keys, String issuer, String subject, List<String> audience, Instant expiresAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).subject(subject)
                .issuedAt(expiresAt.minusSeconds(600)).expiresAt(expiresAt).claim("gty", "client_credentials");
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        return keys.encode(JwtEncoderParameters.from(claims.build())).getTokenValue();
    }

    private JsonNode token(String clientId, String secret, TestNode node, Map<String, String> form) throws Exception {
        HttpResponse<String> response = postForm(node, "/oauth2/token", clientId, secret, form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonClient.JSON.readTree(response.body());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("list").forEach(record -> names.add(record.get("name").asString()));
        return names;
    }

}
