package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Signing out of Holdfast tells each application the user signed in to, with a logout token it can verify. */
class BackChannelLogoutIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Set<String> CODE = Set.of("authorization_code", "refresh_token");

    @DatabaseTest
    void signingOutPostsASignedLogoutTokenToEachApplicationOfTheSession(TestDatabase db) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the first delivery fails, so the job has to retry it
            boolean accept = calls.incrementAndGet() > 1;
            if (accept) {
                received.add(URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(accept ? 200 : 503, -1);
            exchange.close();
        });
        receiver.start();
        URI backchannel = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/backchannel");
        try (TestNode node = db.startNode(Map.of("holdfast.jobs.poll-interval", "1s", "holdfast.jobs.retry-backoff", "1s"))) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            String secret = rp.register("wiki", CODE, false, Set.of(), backchannel).secret();
            String otherSecret = rp.register("crm", CODE, false, Set.of(), null).secret();
            JsonNode tokens = rp.signIn(browser, "wiki", secret);
            rp.signIn(browser, "crm", otherSecret);
            SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
            String sid = idToken.getJWTClaimsSet().getStringClaim("sid");
            assertThat(sid).as("ID tokens name the session").isNotBlank();

            browser.get("/");
            assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(302);

            String logoutToken = received.poll(60, TimeUnit.SECONDS);
            assertThat(logoutToken).as("a logout token arrives, after a retry").isNotNull();
            SignedJWT jwt = SignedJWT.parse(logoutToken);
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new RSASSAVerifier(key))).as("signed by a published key").isTrue();
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
            var claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(idToken.getJWTClaimsSet().getIssuer());
            assertThat(claims.getAudience()).containsExactly("wiki");
            assertThat(claims.getSubject()).isEqualTo(idToken.getJWTClaimsSet().getSubject());
            assertThat(claims.getStringClaim("sid")).isEqualTo(sid);
            assertThat(claims.getIssueTime()).isNotNull();
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getJSONObjectClaim("events")).containsKey(BackChannelLogout.EVENT);
            assertThat(claims.getClaim("nonce")).isNull();
            assertThat(received.poll(2, TimeUnit.SECONDS)).as("one token for one application; crm registered no URI").isNull();
        } finally {
            receiver.stop(0);
        }
    }

    @DatabaseTest
    void revokingASessionTellsTheApplicationsSignedInDuringIt(TestDatabase db) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        URI backchannel = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/backchannel");
        try (TestNode node = db.startNode(Map.of("holdfast.jobs.poll-interval", "1s"))) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            String secret = rp.register("wiki", CODE, false, Set.of(), backchannel).secret();
            var sessions = node.bean(dev.holdfast.platform.identity.UserSessions.class);
            String kept = sessions.list("admin").getFirst().handle();
            WebSession laptop = node.session().signIn("admin", PASSWORD);
            String sid = SignedJWT.parse(rp.signIn(laptop, "wiki", secret).get("id_token").asString())
                    .getJWTClaimsSet().getStringClaim("sid");

            assertThat(sessions.revokeAll("admin", kept, "admin", "127.0.0.1")).isEqualTo(1);

            String logoutToken = received.poll(60, TimeUnit.SECONDS);
            assertThat(logoutToken).as("the revoked session's application hears of it").isNotNull();
            assertThat(SignedJWT.parse(logoutToken).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
            assertThat(laptop.get("/").statusCode()).as("the revoked browser is signed out").isEqualTo(302);
            assertThat(admin.get("/").statusCode()).as("the kept session goes on").isEqualTo(200);
            assertThat(received.poll(2, TimeUnit.SECONDS)).as("nothing for the kept session").isNull();
        } finally {
            receiver.stop(0);
        }
    }

    @DatabaseTest
    void signingOutRevokesTheSessionsAuthorizationsAlsoThoseWrittenBeforeTheirSidHadAColumn(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession browser = node.session().setUp("admin", PASSWORD);
            WebSession laptop = node.session().signIn("admin", PASSWORD);
            OidcTestClient rp = new OidcTestClient(node);
            String wikiSecret = rp.register("wiki", CODE, false, Set.of(), null).secret();
            String crmSecret = rp.register("crm", CODE, false, Set.of(), null).secret();
            JsonNode wiki = rp.signIn(browser, "wiki", wikiSecret);
            JsonNode crm = rp.signIn(browser, "crm", crmSecret);
            JsonNode crmOnLaptop = rp.signIn(laptop, "crm", crmSecret);
            // the CRM's authorizations as identity V66 found them: written before the sid column, so it is empty
            for (JsonNode tokens : new JsonNode[] {crm, crmOnLaptop}) {
                assertThat(db.dsl().update(HashedAuthorizations.AUTHORIZATION).setNull(HashedAuthorizations.SID)
                        .where(HashedAuthorizations.ACCESS.hash().eq(TokenHash.of(tokens.get("access_token").asString()))).execute())
                        .isEqualTo(1);
            }

            browser.get("/");
            assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(302);

            assertThat(refresh(rp, "wiki", wikiSecret, wiki).statusCode()).as("found by its sid column").isEqualTo(400);
            assertThat(refresh(rp, "crm", crmSecret, crm).statusCode()).as("found by its ID token").isEqualTo(400);
            assertThat(refresh(rp, "crm", crmSecret, crmOnLaptop).statusCode()).as("another session's").isEqualTo(200);
        }
    }

    private static HttpResponse<String> refresh(OidcTestClient rp, String clientId, String secret, JsonNode tokens) throws Exception {
        return rp.post("/oauth2/token", clientId, secret,
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()));
    }
}
