package dev.holdfast.platform.identity.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class SecondFactorSignInIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern SECRET = Pattern.compile("data-totp-secret>([A-Z2-7]+)<");
    private static final Pattern CODE = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>");

    @DatabaseTest
    void signsInWithPasswordAndAnOathtoolCodeAndRefusesWrongAndReplayedCodes(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession owner = node.session().setUp("admin", PASSWORD);
        String secret = enrolTotp(owner);

        WebSession browser = node.session();
        HttpResponse<String> afterPassword = signInWithPassword(browser, "admin");
        assertThat(afterPassword.headers().firstValue("Location")).get().asString().doesNotContain("error");
        assertThat(browser.get("/admin/identity").headers().firstValue("Location")).get().asString()
                .contains("/login/second-factor");
        assertThat(browser.get("/login/second-factor").body()).contains("Code from your authenticator app");

        assertThat(verify(browser, "totp", "000000").statusCode()).isEqualTo(401);
        String next = Oathtool.totp(secret, Instant.now().plusSeconds(30));
        HttpResponse<String> passed = verify(browser, "totp", next);
        assertThat(passed.statusCode()).isEqualTo(302);
        assertThat(passed.headers().firstValue("Location")).as("on to the page that asked for the factor")
                .get().asString().contains("/admin/identity");
        assertThat(browser.get("/admin/identity").statusCode()).isEqualTo(200);

        WebSession thief = node.session();
        signInWithPassword(thief, "admin");
        HttpResponse<String> replay = verify(thief, "totp", next);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("That code is not right, or was used already.");
        assertThat(thief.get("/").statusCode()).isEqualTo(302);

        List<AuditEvent> events = node.bean(AuditLog.class).search(AuditLog.Filter.any(), 50);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login.succeeded");
            assertThat(e.details()).containsEntry("factor", "totp");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("mfa.failed");
            assertThat(e.details()).containsEntry("factor", "totp").containsKey("reason");
        });
        assertThat(events).extracting(AuditEvent::action).contains("mfa.enrolled", "mfa.verified", "login.password_accepted");
    }

    @DatabaseTest
    void aRecoveryCodeWorksOnceAndItsUseIsAudited(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession owner = node.session().setUp("admin", PASSWORD);
        enrolTotp(owner);
        owner.get("/account/security");
        List<String> codes = codesOn(owner.post("/account/security/recovery-codes", Map.of()).body());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();

        WebSession first = node.session();
        signInWithPassword(first, "admin");
        assertThat(verify(first, "recovery_code", codes.get(3).toUpperCase()).statusCode()).isEqualTo(302);
        assertThat(first.get("/admin/identity").statusCode()).isEqualTo(200);

        WebSession second = node.session();
        signInWithPassword(second, "admin");
        assertThat(verify(second, "recovery_code", codes.get(3)).statusCode()).isEqualTo(401);
        assertThat(verify(second, "recovery_code", codes.get(4)).statusCode()).isEqualTo(302);
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("mfa.recovery_code_used", null, null, null, null), 10))
                .hasSize(2);
    }

    @DatabaseTest
    void theFactorStepAnswersTooManyRequestsAfterRepeatedWrongCodes(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.identity.mfa.max-failures", "3"));
        WebSession owner = node.session().setUp("admin", PASSWORD);
        String secret = enrolTotp(owner);

        WebSession attacker = node.session();
        signInWithPassword(attacker, "admin");
        for (int i = 0; i < 3; i++) {
            assertThat(verify(attacker, "totp", "00000" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = verify(attacker, "totp", Oathtool.totp(secret, Instant.now().plusSeconds(30)));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many wrong codes");
        assertThat(attacker.get("/").statusCode()).isEqualTo(302);
    }

    @DatabaseTest
    void thePasswordStepLooksTheSameForAnUnknownUser(TestDatabase db) {
        TestNode node = db.startNode();
        node.session().setUp("admin", PASSWORD);

        String known = identify(node.session(), "admin");
        String unknown = identify(node.session(), "nobody");
        assertThat(known).contains("Signing in as <strong>admin</strong>", "name=\"password\"");
        assertThat(strip(unknown).replace("nobody", "admin")).isEqualTo(strip(known));
    }

    @DatabaseTest
    void aRequiredSecondFactorSendsAUserWithoutOneToEnrolFirst(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.identity.mfa.required", "true"));
        node.session().setUp("admin", PASSWORD);

        WebSession browser = node.session();
        signInWithPassword(browser, "admin");
        assertThat(browser.get("/").headers().firstValue("Location")).get().asString().contains("/login/second-factor");
        assertThat(browser.get("/login/second-factor").headers().firstValue("Location")).get().asString().endsWith("/login/enrol");
        assertThat(browser.get("/account/security").statusCode()).isEqualTo(302);
        String page = browser.get("/login/enrol").body();
        String secret = match(SECRET, page);
        assertThat(page).contains("data:image/svg+xml;base64,");

        HttpResponse<String> enrolled = browser.post("/login/enrol/totp", Map.of("code", Oathtool.totp(secret, Instant.now())));
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(codesOn(enrolled.body())).hasSize(10);
        assertThat(browser.get("/admin/identity").statusCode()).isEqualTo(200);
    }

    @DatabaseTest
    void removingAFactorLongAfterSigningInNeedsTheCurrentPassword(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.identity.mfa.recent-sign-in", "1ms"));
        WebSession owner = node.session().setUp("admin", PASSWORD);
        enrolTotp(owner);
        owner.get("/account/security");

        HttpResponse<String> withoutPassword = owner.post("/account/security/totp/remove", Map.of());
        assertThat(withoutPassword.statusCode()).isEqualTo(403);
        assertThat(withoutPassword.body()).contains("Enter your current password");
        assertThat(owner.post("/account/security/totp/remove", Map.of("password", "not it")).statusCode()).isEqualTo(403);
        assertThat(owner.get("/account/security").body()).contains("An authenticator app is set up.");

        assertThat(owner.post("/account/security/totp/remove", Map.of("password", PASSWORD)).statusCode()).isEqualTo(302);
        assertThat(owner.get("/account/security").body()).contains("Set up an authenticator app");
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("mfa.removed", null, null, null, null), 10))
                .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("factor", "totp"));

        WebSession later = node.session();
        signInWithPassword(later, "admin");
        assertThat(later.get("/admin/identity").statusCode()).as("no second factor left").isEqualTo(200);
    }

    @DatabaseTest
    void malformedFactorRequestsAreBadRequests(TestDatabase db) {
        TestNode node = db.startNode();
        WebSession owner = node.session().setUp("admin", PASSWORD);
        enrolTotp(owner);
        WebSession browser = node.session();
        signInWithPassword(browser, "admin");
        browser.get("/login/second-factor");
        assertThat(browser.post("/login/second-factor", Map.of("code", "123456")).statusCode()).isEqualTo(400);
        assertThat(verify(browser, "carrier-pigeon", "123456").statusCode()).isEqualTo(400);
        assertThat(verify(browser, "totp", "1".repeat(5000)).statusCode()).isEqualTo(400);
    }

    /** Enrols an authenticator app from the account security page and returns its secret. */
    static String enrolTotp(WebSession session) {
        session.get("/account/security");
        assertThat(session.post("/account/security/totp", Map.of()).statusCode()).isEqualTo(302);
        String page = session.get("/account/security").body();
        String secret = match(SECRET, page);
        HttpResponse<String> confirmed = session.post("/account/security/totp/confirm",
                Map.of("code", Oathtool.totp(secret, Instant.now())));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
        assertThat(session.get("/account/security").body()).contains("An authenticator app is set up.");
        return secret;
    }

    static HttpResponse<String> signInWithPassword(WebSession browser, String username) {
        identify(browser, username);
        return browser.post("/login", Map.of("username", username, "password", PASSWORD));
    }

    static HttpResponse<String> verify(WebSession browser, String method, String code) {
        browser.get("/login/second-factor");
        return browser.post("/login/second-factor", Map.of("method", method, "code", code));
    }

    private static String identify(WebSession browser, String username) {
        browser.get("/login");
        return browser.post("/login/identify", Map.of("username", username)).body();
    }

    private static List<String> codesOn(String page) {
        return CODE.matcher(page).results().map(r -> r.group(1)).toList();
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    private static String strip(String page) {
        return page.replaceAll("(content|value)=\"[A-Za-z0-9_-]{40,}\"", "$1=\"token\"");
    }
}
