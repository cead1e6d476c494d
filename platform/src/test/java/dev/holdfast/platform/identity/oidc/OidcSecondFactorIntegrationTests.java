package dev.holdfast.platform.identity.oidc;

import static dev.holdfast.platform.identity.oidc.OidcTestClient.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import dev.holdfast.testkit.Peers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Second factors on the way into an application: a user who has one passes it before the application gets a code,
 * and an application can demand one of everybody (a user without one enrols first), then the sign-in carries on to
 * the application instead of ending on Holdfast's home page.
 */
class OidcSecondFactorIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Set<String> CODE = Set.of("authorization_code", "refresh_token");
    static final Pattern SECRET = Pattern.compile("data-totp-secret>([A-Z2-7]+)<");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @DatabaseTest
    void anApplicationThatDemandsASecondFactorSendsAPasswordOnlyUserToEnrolAndThenOnToTheApplication(TestDatabase db)
            throws Exception {
        try (TestNode node = db.startNode()) {
            node.session().setUp("admin", PASSWORD);
            createUser(db, node, "bob");
            OidcClients clients = node.bean(OidcClients.class);
            clients.register(registration("payroll", true));
            clients.register(registration("wiki", false));

            WebSession bob = node.session();
            assertThat(signInThroughApplication(bob, "wiki", "bob")).as("no factor asked where none is demanded")
                    .startsWith(REDIRECT + "?code=");

            WebSession later = node.session();
            String afterPassword = signInThroughApplication(later, "payroll", "bob");
            assertThat(afterPassword).as("the application demands a factor bob does not have")
                    .doesNotContain("code=").contains("/login/second-factor");
            assertThat(later.get(afterPassword).headers().firstValue("Location")).get().asString().endsWith("/login/enrol");
            String secret = match(SECRET, later.get("/login/enrol").body());
            HttpResponse<String> enrolled = later.post("/login/enrol/totp", Map.of("code", totp(secret, Instant.now())));
            assertThat(enrolled.statusCode()).isEqualTo(200);
            String next = match(Pattern.compile("href=\"([^\"]*oauth2/authorize[^\"]*)\""), enrolled.body()).replace("&amp;", "&");
            assertThat(later.get(next).headers().firstValue("Location")).as("on to the application after enrolling")
                    .get().asString().startsWith(REDIRECT + "?code=");

            var demanded = node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.second_factor.demanded", "bob", null, null, null), 10);
            assertThat(demanded).singleElement().satisfies(e -> assertThat(e.target()).isEqualTo("client:payroll"));
        }
    }

    @DatabaseTest
    void aUserWithAnAuthenticatorPassesItBeforeTheApplicationGetsACode(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            String secret = enrolTotp(admin);
            node.bean(OidcClients.class).register(registration("wiki", false));

            WebSession browser = node.session();
            String afterPassword = signInThroughApplication(browser, "wiki", "admin");
            assertThat(afterPassword).doesNotContain("code=").contains("/login/second-factor");
            browser.get("/login/second-factor");
            HttpResponse<String> passed = browser.post("/login/second-factor",
                    Map.of("method", "totp", "code", totp(secret, Instant.now().plusSeconds(30))));
            String location = passed.headers().firstValue("Location").orElse("");
            assertThat(location).as("back to the authorization request, not to Holdfast's home").contains("/oauth2/authorize");
            assertThat(browser.get(location).headers().firstValue("Location")).get().asString().startsWith(REDIRECT + "?code=");
        }
    }

    /** Starts at the application's authorization request without a session and signs in with the password. */
    private static String signInThroughApplication(WebSession browser, String clientId, String username) throws Exception {
        String toLogin = OidcTestClient.authorize(browser, clientId, "v".repeat(64));
        assertThat(toLogin).contains("/login");
        browser.get("/login");
        browser.post("/login/identify", Map.of("username", username));
        String back = browser.post("/login", Map.of("username", username, "password", PASSWORD))
                .headers().firstValue("Location").orElse("");
        assertThat(back).as("back to the authorization request after the password").contains("/oauth2/authorize");
        return browser.get(back).headers().firstValue("Location").orElse("");
    }

    private static OidcClients.Registration registration(String clientId, boolean secondFactor) {
        return new OidcClients.Registration(clientId, "App " + clientId, true, List.of(URI.create(REDIRECT)), List.of(),
                Set.of("openid", "profile", "email"), CODE, false, Duration.ofMinutes(5), Duration.ofDays(1), Set.of(),
                null, null, secondFactor);
    }

    private static String enrolTotp(WebSession session) {
        session.get("/account/security");
        session.post("/account/security/totp", Map.of());
        String secret = match(SECRET, session.get("/account/security").body());
        assertThat(session.post("/account/security/totp/confirm", Map.of("code", totp(secret, Instant.now()))).statusCode())
                .isEqualTo(302);
        return secret;
    }

    static String totp(String secret, Instant at) {
        try {
            Process process = new ProcessBuilder(Peers.executable("oathtool", "apt-get install oathtool").toString(),
                    "--totp", "-b", secret, "-N", TIME.format(at)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor()).as(output).isZero();
            return output;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    /** A person with the test password, written straight into the directory (the admin API is tested elsewhere). */
    private static void createUser(TestDatabase db, TestNode node, String username) {
        db.dsl().insertInto(DSL.table("identity_user"))
                .set(DSL.field("id", String.class), UUID.randomUUID().toString())
                .set(DSL.field("username", String.class), username).set(DSL.field("username_key", String.class), username)
                .set(DSL.field("password_hash", String.class), node.bean(PasswordEncoder.class).encode(PASSWORD))
                .set(DSL.field("enabled", Boolean.class), true)
                .set(DSL.field("created_at", Long.class), System.currentTimeMillis()).execute();
    }
}
