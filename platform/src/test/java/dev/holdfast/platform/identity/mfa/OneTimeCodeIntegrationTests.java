package dev.holdfast.platform.identity.mfa;

import static dev.holdfast.platform.identity.mfa.SecondFactorSignInIntegrationTests.signInWithPassword;
import static dev.holdfast.platform.identity.mfa.SecondFactorSignInIntegrationTests.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestMail;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

class OneTimeCodeIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern CODE = Pattern.compile("sign-in code is ([0-9]{6,8})\\.");

    @DatabaseTest
    void signsInWithACodeSentByEmailOnceOnly(TestDatabase db) throws Exception {
        try (TestMail mail = new TestMail()) {
            TestNode node = db.startNode(new HashMap<>(mail.nodeSettings()));
            WebSession owner = node.session().setUp("admin", PASSWORD);
            node.bean(DSLContext.class).update(table(name("identity_user"))).set(field(name("email")), "admin@test.invalid").execute();
            owner.get("/account/security");
            assertThat(owner.post("/account/security/email", Map.of("enabled", "true")).statusCode()).isEqualTo(302);
            assertThat(owner.get("/account/security").body()).contains("Stop codes by email");

            WebSession browser = node.session();
            signInWithPassword(browser, "admin");
            assertThat(browser.get("/login/second-factor").body()).contains("Send a code by email");
            assertThat(browser.post("/login/second-factor/send", Map.of("channel", "email")).body())
                    .contains("We sent a code to your email address.");
            assertThat(browser.post("/login/second-factor/send", Map.of("channel", "email")).statusCode())
                    .as("a second code at once floods nobody's inbox").isEqualTo(429);
            TestMail.Received message = mail.awaitMessagesTo("admin@test.invalid", 1).getFirst();
            assertThat(message.subject()).isEqualTo("Holdfast sign-in code");
            String code = match(CODE, message.text());
            assertThat(code).hasSize(6);

            assertThat(verify(browser, "email_code", code).statusCode()).isEqualTo(302);
            assertThat(browser.get("/admin/identity").statusCode()).isEqualTo(200);

            WebSession again = node.session();
            signInWithPassword(again, "admin");
            assertThat(verify(again, "email_code", code).statusCode()).isEqualTo(401);
        }
    }

    @DatabaseTest
    void sendsTheSmsCodeAsTheConfiguredHttpRequest(TestDatabase db) throws Exception {
        int port = Peers.freePort();
        BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        provider.createContext("/api/send", exchange -> {
            received.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        provider.start();
        try {
            TestNode node = db.startNode(Map.of(
                    "holdfast.identity.mfa.sms.url", "http://127.0.0.1:" + port + "/api/send",
                    "holdfast.identity.mfa.sms.method", "put",
                    "holdfast.identity.mfa.sms.headers.Authorization", "Bearer s3cret",
                    "holdfast.identity.mfa.sms.body-template", "{\"recipient\":\"{to}\",\"text\":\"{message}\",\"sender\":\"Holdfast\"}",
                    "holdfast.identity.mfa.code-length", "8"));
            WebSession owner = node.session().setUp("admin", PASSWORD);
            owner.get("/account/security");
            assertThat(owner.post("/account/security/sms", Map.of("phone", "+49 151 1234 5678")).statusCode()).isEqualTo(302);

            WebSession browser = node.session();
            signInWithPassword(browser, "admin");
            browser.get("/login/second-factor");
            assertThat(browser.post("/login/second-factor/send", Map.of("channel", "sms")).body()).contains("We sent a code by SMS.");
            Map<String, String> request = received.poll(10, TimeUnit.SECONDS);
            assertThat(request).isNotNull();
            assertThat(request).containsEntry("method", "PUT").containsEntry("path", "/api/send")
                    .containsEntry("authorization", "Bearer s3cret").containsEntry("contentType", "application/json");
            String code = match(CODE, request.get("body"));
            assertThat(code).hasSize(8);
            assertThat(request.get("body")).isEqualTo("{\"recipient\":\"+4915112345678\",\"text\":\"Your Holdfast sign-in code is "
                    + code + ". It expires in 5 minutes. If you did not try to sign in, change your password.\",\"sender\":\"Holdfast\"}");

            assertThat(verify(browser, "sms_code", code).statusCode()).isEqualTo(302);
            assertThat(browser.get("/admin/identity").statusCode()).isEqualTo(200);
        } finally {
            provider.stop(0);
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
