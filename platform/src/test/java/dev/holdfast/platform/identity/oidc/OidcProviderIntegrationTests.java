package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenID Connect provider as a relying party sees it, over HTTP, on SQLite and PostgreSQL. */
class OidcProviderIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @DatabaseTest
    void signsInAnApplicationWithCodeAndPkceAndRotatesRefreshTokens(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of("holdfast.identity.oidc.code-ttl", "3s"))) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = register(node, "app", true).secret();

            JsonNode discovery = json(http.send(HttpRequest.newBuilder(node.uri("/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(discovery.get("issuer").asString()).isEqualTo(node.uri("").toString().replaceAll("/$", ""));
            assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
            String jwks = http.send(HttpRequest.newBuilder(node.uri("/oauth2/jwks")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(jwks).as("only public key parts are published").doesNotContain("\"d\"").doesNotContain("\"p\"");

            String verifier = "verifier-" + "x".repeat(50);
            String code = authorize(browser, "app", verifier, "openid profile email groups");
            JsonNode tokens = token(node, "app", secret, Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", verifier));
            assertThat(tokens.has("refresh_token")).isTrue();

            SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
            RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(idToken.getHeader().getKeyID());
            assertThat(idToken.verify(new RSASSAVerifier(key))).as("ID token signed by a published key").isTrue();
            assertThat(idToken.getHeader().getAlgorithm()).as("ID tokens: RS256, which every client accepts").isEqualTo(JWSAlgorithm.RS256);
            SignedJWT accessToken = SignedJWT.parse(tokens.get("access_token").asString());
            assertThat(accessToken.getHeader().getAlgorithm()).as("access tokens: ES256").isEqualTo(JWSAlgorithm.ES256);
            ECKey ecKey = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(accessToken.getHeader().getKeyID());
            assertThat(accessToken.verify(new ECDSAVerifier(ecKey))).as("access token signed by a published EC key").isTrue();
            var admin = node.bean(UserManagement.class).findByUsername("admin").orElseThrow();
            assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(admin.id().toString());
            assertThat(idToken.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("admin");
            assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-" + verifier.length());
            assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("app");
            assertThat(idToken.getJWTClaimsSet().getStringListClaim("roles")).as("roles from the directory").contains("Administrator");

            var userInfo = http.send(HttpRequest.newBuilder(node.uri("/userinfo"))
                    .header("Authorization", "Bearer " + tokens.get("access_token").asString()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(userInfo.statusCode()).as(userInfo.body() + userInfo.headers().map()).isEqualTo(200);
            assertThat(json(userInfo).get("sub").asString()).isEqualTo(admin.id().toString());

            String stored = db.dsl().fetchValue("select refresh_hash from identity_oidc_authorization").toString();
            assertThat(stored).as("refresh token stored as its hash").isEqualTo(TokenHash.of(tokens.get("refresh_token").asString()))
                    .isNotEqualTo(tokens.get("refresh_token").asString());

            String first = tokens.get("refresh_token").asString();
            JsonNode refreshed = token(node, "app", secret, Map.of("grant_type", "refresh_token", "refresh_token", first));
            String second = refreshed.get("refresh_token").asString();
            assertThat(second).as("refresh tokens rotate").isNotEqualTo(first);
            assertThat(db.dsl().fetch("select token_hash, authorization_id from identity_oidc_spent_refresh").intoMaps())
                    .as("the rotation's one statement spent the old refresh token (V67's trigger), for the authorization")
                    .containsExactly(Map.of("token_hash", TokenHash.of(first), "authorization_id",
                            db.dsl().fetchValue("select id from identity_oidc_authorization").toString()));
            assertThat(refreshed.has("id_token")).isTrue();
            var refreshedUserInfo = http.send(HttpRequest.newBuilder(node.uri("/userinfo"))
                    .header("Authorization", "Bearer " + refreshed.get("access_token").asString()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refreshedUserInfo.statusCode()).as("the rotation wrote the new access token (only the changed columns are written)")
                    .isEqualTo(200);
            assertThat(SignedJWT.parse(refreshed.get("access_token").asString()).getJWTClaimsSet().getStringListClaim("groups"))
                    .doesNotContain("Night shift");

            // The claims are kept per user between refreshes, and a directory change is in the very next token.
            browser.get("/"); // a page with the CSRF token for the directory API
            String group = json(adminApi(node, browser, "POST", "/api/identity/v1/groups", "{\"name\":\"Night shift\"}"))
                    .get("id").asString();
            assertThat(adminApi(node, browser, "PUT", "/api/identity/v1/groups/" + group + "/members/" + admin.id(), null)
                    .statusCode()).isEqualTo(204);
            JsonNode third = token(node, "app", secret, Map.of("grant_type", "refresh_token", "refresh_token", second));
            assertThat(SignedJWT.parse(third.get("access_token").asString()).getJWTClaimsSet().getStringListClaim("groups"))
                    .as("the new membership is in the next access token").contains("Night shift");
            assertThat(SignedJWT.parse(third.get("id_token").asString()).getJWTClaimsSet().getStringListClaim("groups"))
                    .as("and ID token").contains("Night shift");

            var reuse = tokenResponse(node, "app", secret, Map.of("grant_type", "refresh_token", "refresh_token", first));
            assertThat(reuse.statusCode()).isEqualTo(400);
            assertThat(json(reuse).get("error").asString()).isEqualTo("invalid_grant");
            var afterReuse = tokenResponse(node, "app", secret, Map.of("grant_type", "refresh_token", "refresh_token",
                    third.get("refresh_token").asString()));
            assertThat(afterReuse.statusCode()).as("reuse revoked the whole family, the newest token too").isEqualTo(400);
        }
    }

    @DatabaseTest
    void refusesWhatTheStandardSaysToRefuse(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of("holdfast.identity.oidc.code-ttl", "3s"))) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = register(node, "app", true).secret();
            register(node, "spa", false);

            var unregistered = browser.get("/oauth2/authorize?response_type=code&client_id=app&scope=openid&state=s"
                    + "&redirect_uri=" + enc("http://127.0.0.1:9/elsewhere") + "&code_challenge=" + challenge("v".repeat(50))
                    + "&code_challenge_method=S256");
            assertThat(unregistered.statusCode()).as("no redirect to an unregistered URI").isEqualTo(400);

            var noPkce = browser.get("/oauth2/authorize?response_type=code&client_id=spa&scope=openid&state=s&redirect_uri=" + enc(REDIRECT));
            assertThat(noPkce.headers().firstValue("Location").orElse("")).as("public clients must use PKCE")
                    .startsWith(REDIRECT).contains("error=invalid_request");

            String verifier = "v".repeat(60);
            String code = authorize(browser, "app", verifier, "openid");
            var wrongVerifier = tokenResponse(node, "app", secret, Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", "w".repeat(60)));
            assertThat(json(wrongVerifier).get("error").asString()).isEqualTo("invalid_grant");

            String again = authorize(browser, "app", verifier, "openid");
            Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", again, "redirect_uri", REDIRECT,
                    "code_verifier", verifier);
            assertThat(tokenResponse(node, "app", secret, exchange).statusCode()).isEqualTo(200);
            var reused = tokenResponse(node, "app", secret, exchange);
            assertThat(json(reused).get("error").asString()).as("a code works once").isEqualTo("invalid_grant");

            String late = authorize(browser, "app", verifier, "openid");
            Thread.sleep(3_500);
            var expired = tokenResponse(node, "app", secret, Map.of("grant_type", "authorization_code", "code", late,
                    "redirect_uri", REDIRECT, "code_verifier", verifier));
            assertThat(json(expired).get("error").asString()).isEqualTo("invalid_grant");

            var wrongSecret = tokenResponse(node, "app", "not-the-secret", Map.of("grant_type", "client_credentials"));
            assertThat(wrongSecret.statusCode()).isEqualTo(401);

            var audit = node.bean(dev.holdfast.platform.identity.AuditLog.class);
            var authorized = audit.search(new dev.holdfast.platform.identity.AuditLog.Filter("oidc.authorized", "admin", null, null, null), 50);
            assertThat(authorized).as("every code issued is audited").hasSize(3)
                    .allSatisfy(e -> assertThat(e.target()).isEqualTo("client:app"));
            var failed = audit.search(new dev.holdfast.platform.identity.AuditLog.Filter("oidc.token.failed", null, null, null, null), 50);
            assertThat(failed).as("reused code, expired code").extracting(e -> e.details().get("error"))
                    .containsExactly("invalid_grant", "invalid_grant");
            assertThat(audit.search(new dev.holdfast.platform.identity.AuditLog.Filter("oidc.client.authentication.failed", null,
                    null, null, null), 50)).as("wrong secret; wrong PKCE verifier (checked with the client)")
                    .extracting(e -> e.details().get("error")).containsExactly("invalid_client", "invalid_grant");
        }
    }

    @DatabaseTest
    void clientCredentialsTokensAreNotWrittenToTheDatabase(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of("holdfast.database.busy-timeout", "500ms"))) {
            node.session().setUp("admin", PASSWORD);
            String secret = register(node, "service", true).secret();
            int before = db.dsl().fetchCount(HashedAuthorizations.AUTHORIZATION);
            int auditBefore = db.dsl().fetchCount(org.jooq.impl.DSL.table("identity_audit_event"));

            for (int i = 0; i < 3; i++) {
                JsonNode token = token(node, "service", secret, Map.of("grant_type", "client_credentials", "scope", "api"));
                SignedJWT accessToken = SignedJWT.parse(token.get("access_token").asString());
                assertThat(accessToken.getJWTClaimsSet().getSubject()).isEqualTo("service");
                assertThat(accessToken.getHeader().getAlgorithm()).as("signed with the cheaper ES256").isEqualTo(JWSAlgorithm.ES256);
            }

            assertThat(db.dsl().fetchCount(HashedAuthorizations.AUTHORIZATION)).isEqualTo(before);
            assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("identity_audit_event")))
                    .as("a successful client-credentials grant writes nothing, not even an audit event").isEqualTo(auditBefore);

            if (db.kind() == DatabaseKind.SQLITE) {
                try (Connection writer = DriverManager.getConnection(db.url())) {
                    writer.createStatement().execute("BEGIN IMMEDIATE"); // SQLite's one write lock, held
                    JsonNode token = token(node, "service", secret, Map.of("grant_type", "client_credentials"));
                    assertThat(token.has("access_token")).as("granted while another writer holds the database").isTrue();
                    writer.createStatement().execute("ROLLBACK");
                }
            }
        }
    }

    @DatabaseTest
    void clientsAreNotHeldToASecondFactorButPeopleStillAre(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of("holdfast.identity.mfa.required", "true"))) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = register(node, "admin", true).secret();

            // A client named like a user who must pass a second factor is still just a client.
            JsonNode token = token(node, "admin", secret, Map.of("grant_type", "client_credentials", "scope", "api"));
            String accessToken = token.get("access_token").asString();
            assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject()).isEqualTo("admin");
            var introspection = http.send(HttpRequest.newBuilder(node.uri("/oauth2/introspect"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(accessToken))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(introspection.statusCode()).as("the client may use introspection: " + introspection.body()).isEqualTo(200);
            JsonNode introspected = json(introspection);
            assertThat(introspected.get("active").asBoolean()).as("a valid client token is active though it is not stored: "
                    + introspection.body()).isTrue();
            assertThat(introspected.get("client_id").asString()).isEqualTo("admin");
            assertThat(introspected.get("scope").asString()).isEqualTo("api");
            var tampered = http.send(HttpRequest.newBuilder(node.uri("/oauth2/introspect"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(accessToken.substring(0, accessToken.length() - 4)
                            + "AAAA"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json(tampered).get("active").asBoolean()).as("a forged signature is not").isFalse();

            var authorization = browser.get("/oauth2/authorize?response_type=code&client_id=admin&scope=openid&state=st"
                    + "&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge("w".repeat(64))
                    + "&code_challenge_method=S256");
            assertThat(authorization.statusCode()).as("a person who has not passed the required second factor gets no code")
                    .isEqualTo(302);
            assertThat(authorization.headers().firstValue("Location").orElse("")).doesNotContain(REDIRECT)
                    .as("but the factor step, then the application").contains("/login/second-factor");
            assertThat(browser.get("/admin/identity").headers().firstValue("Location").orElse(""))
                    .as("the factor is what is missing").contains("/login/second-factor");
        }
    }

    /**
     * An application that registered ES256 ({@code id_token_signed_response_alg}) gets ES256 ID tokens, at sign-in
     * and at every refresh, verifiable with the published EC key; one that registered nothing keeps RS256. The
     * discovery document offers both.
     */
    @DatabaseTest
    void idTokensAreSignedWithTheAlgorithmTheApplicationRegistered(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = node.bean(OidcClients.class).register(new OidcClients.Registration("ec-app", "EC app", true,
                    List.of(URI.create(REDIRECT)), List.of(), Set.of("openid", "profile"), Set.of("authorization_code", "refresh_token"),
                    false, Duration.ofMinutes(5), Duration.ofDays(1), Set.of(), null, null, false, "ES256")).secret();
            String rsaSecret = register(node, "rsa-app", true).secret();

            JsonNode discovery = json(http.send(HttpRequest.newBuilder(node.uri("/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).contains("RS256", "ES256");
            JWKSet jwks = JWKSet.parse(http.send(HttpRequest.newBuilder(node.uri("/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            String verifier = "e".repeat(64);
            JsonNode tokens = token(node, "ec-app", secret, Map.of("grant_type", "authorization_code",
                    "code", authorize(browser, "ec-app", verifier, "openid profile"), "redirect_uri", REDIRECT, "code_verifier", verifier));
            SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
            assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(idToken.verify(new ECDSAVerifier((ECKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID()))))
                    .as("signed by the published EC key").isTrue();
            JsonNode refreshed = token(node, "ec-app", secret, Map.of("grant_type", "refresh_token",
                    "refresh_token", tokens.get("refresh_token").asString()));
            SignedJWT refreshedId = SignedJWT.parse(refreshed.get("id_token").asString());
            assertThat(refreshedId.getHeader().getAlgorithm()).as("at refresh too").isEqualTo(JWSAlgorithm.ES256);
            assertThat(refreshedId.verify(new ECDSAVerifier((ECKey) jwks.getKeyByKeyId(refreshedId.getHeader().getKeyID())))).isTrue();

            JsonNode rsa = token(node, "rsa-app", rsaSecret, Map.of("grant_type", "authorization_code",
                    "code", authorize(browser, "rsa-app", verifier, "openid"), "redirect_uri", REDIRECT, "code_verifier", verifier));
            assertThat(SignedJWT.parse(rsa.get("id_token").asString()).getHeader().getAlgorithm())
                    .as("registered nothing: RS256").isEqualTo(JWSAlgorithm.RS256);
        }
    }

    @DatabaseTest
    void rpInitiatedLogoutEndsTheHoldfastSessionAndReturnsToTheApplication(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            String secret = register(node, "app", true).secret();
            String verifier = "z".repeat(64);
            String code = authorize(browser, "app", verifier, "openid");
            JsonNode tokens = token(node, "app", secret, Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "code_verifier", verifier));

            var logout = browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token").asString()
                    + "&post_logout_redirect_uri=" + enc("http://127.0.0.1:9/bye") + "&state=done");

            assertThat(logout.headers().firstValue("Location").orElse("")).isEqualTo("http://127.0.0.1:9/bye?state=done");
            assertThat(browser.get("/").headers().firstValue("Location").orElse("")).as("signed out of Holdfast").endsWith("/login");
        }
    }

    /** The directory API as the signed-in administrator in {@code browser}. */
    private static HttpResponse<String> adminApi(TestNode node, WebSession browser, String method, String path,
            @org.jspecify.annotations.Nullable String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri(path))
                .header("Cookie", browser.cookieHeader()).header("X-CSRF-TOKEN", browser.csrfToken())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OidcClients.Registered register(TestNode node, String clientId, boolean confidential) {
        Set<String> grants = confidential ? Set.of("authorization_code", "refresh_token", "client_credentials")
                : Set.of("authorization_code", "refresh_token");
        return node.bean(OidcClients.class).register(new OidcClients.Registration(clientId, "App " + clientId, confidential,
                List.of(URI.create(REDIRECT)), List.of(URI.create("http://127.0.0.1:9/bye")),
                Set.of("openid", "profile", "email", "groups", "api"), grants, false, Duration.ofMinutes(5),
                Duration.ofDays(1), Set.of(), null, null));
    }

    /** Runs the authorization request in the signed-in browser and returns the code from the redirect. */
    private static String authorize(WebSession browser, String clientId, String verifier, String scope) throws Exception {
        var response = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + enc(scope)
                + "&state=st&nonce=n-" + verifier.length() + "&redirect_uri=" + enc(REDIRECT)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirected back with a code").startsWith(REDIRECT + "?code=").contains("state=st");
        String query = URI.create(location).getRawQuery();
        for (String part : query.split("&")) {
            if (part.startsWith("code=")) {
                return java.net.URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + location);
    }

    private JsonNode token(TestNode node, String clientId, String secret, Map<String, String> form) throws Exception {
        var response = tokenResponse(node, clientId, secret, form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> tokenResponse(TestNode node, String clientId, String secret, Map<String, String> form)
            throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(node.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
