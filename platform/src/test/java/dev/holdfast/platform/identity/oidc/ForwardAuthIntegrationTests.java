package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import dev.holdfast.testkit.Peers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reverse proxy gets when it asks Holdfast about a request (Caddy, Traefik, nginx). */
class ForwardAuthIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DatabaseTest
    void answersEachProxyForSignedInSignedOutAndNotAllowedUsers(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", "correct horse battery staple");
            OidcClients clients = node.bean(OidcClients.class);
            clients.register(proxied("wiki", "http://wiki.test/", Set.of()));
            clients.register(proxied("ops", "http://ops.test/", Set.of("operators")));

            var anonymous = ask(node, "caddy", "wiki.test", "/page?x=1", null);
            assertThat(anonymous.statusCode()).isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location").orElseThrow())
                    .endsWith("/auth/forward/start?rd=http%3A%2F%2Fwiki.test%2Fpage%3Fx%3D1");
            assertThat(ask(node, "nginx", "wiki.test", "/page", null).statusCode()).as("nginx follows no redirects").isEqualTo(401);

            var allowed = ask(node, "traefik", "wiki.test", "/page", browser.cookieHeader());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("X-Holdfast-User")).hasValue("admin");
            assertThat(allowed.headers().map()).containsKeys("x-holdfast-email", "x-holdfast-groups");

            var denied = ask(node, "caddy", "ops.test", "/", browser.cookieHeader());
            assertThat(denied.statusCode()).as("admin is not in the operators group").isEqualTo(403);
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("forward_auth.denied", "admin", null, null, null), 5))
                    .singleElement().satisfies(e -> assertThat(e.target()).isEqualTo("client:ops"));

            var back = browser.get("/auth/forward/start?rd=" + java.net.URLEncoder.encode("http://wiki.test/page", "UTF-8"));
            assertThat(back.headers().firstValue("Location")).as("back to the application after sign-in").hasValue("http://wiki.test/page");
            assertThat(browser.get("/auth/forward/start?rd=http%3A%2F%2Fevil.test%2F").statusCode())
                    .as("never sent on to an unregistered host").isEqualTo(400);
        }
    }

    @DatabaseTest
    void anApplicationThatDemandsASecondFactorSendsTheProxiedBrowserThroughTheFactorStep(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode()) {
            WebSession browser = node.session().setUp("admin", "correct horse battery staple");
            node.bean(OidcClients.class).register(new OidcClients.Registration("vault", "Vault", true, List.of(), List.of(),
                    Set.of("openid"), Set.of(), false, Duration.ofMinutes(5), Duration.ofDays(1), Set.of(), null,
                    URI.create("http://vault.test/"), true));

            var owed = ask(node, "caddy", "vault.test", "/secrets", browser.cookieHeader());
            assertThat(owed.statusCode()).as("a password-only sign-in is not enough for this application").isEqualTo(302);
            assertThat(owed.headers().firstValue("Location").orElseThrow()).contains("/auth/forward/start?rd=");
            assertThat(ask(node, "nginx", "vault.test", "/secrets", browser.cookieHeader()).statusCode()).isEqualTo(401);

            var start = browser.get("/auth/forward/start?rd=" + java.net.URLEncoder.encode("http://vault.test/secrets", "UTF-8"));
            assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/login/second-factor");
            assertThat(browser.get("/login/second-factor").headers().firstValue("Location").orElseThrow())
                    .as("admin has no factor yet: enrol one first").endsWith("/login/enrol");
            assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("oidc.second_factor.demanded", "admin", null, null, null), 5))
                    .singleElement().satisfies(e -> assertThat(e.target()).isEqualTo("client:vault"));
        }
    }

    @Test
    void theDocumentedCaddyfileIsValid(@TempDir Path dir) throws Exception {
        Path caddy = Peers.executable("caddy", "apt install caddy");
        Path doc = Path.of("").toAbsolutePath().resolveSibling("docs").resolve("forward-auth.md");
        Matcher block = Pattern.compile("```caddyfile\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        assertThat(block.find()).as("docs/forward-auth.md has a caddyfile block").isTrue();
        Path caddyfile = Files.writeString(dir.resolve("Caddyfile"), block.group(1));

        Process validate = new ProcessBuilder(caddy.toString(), "validate", "--adapter", "caddyfile", "--config", caddyfile.toString())
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes());
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as(output).isZero();
        assertThat(output).contains("Valid configuration");
    }

    private HttpResponse<String> ask(TestNode node, String proxy, String host, String uri, String cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/auth/forward/" + proxy))
                .header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", host).header("X-Forwarded-Uri", uri)
                .header("X-Original-URL", "nginx".equals(proxy) ? "http://" + host + uri : "http://" + host + uri);
        if (cookies != null && !cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OidcClients.Registration proxied(String clientId, String home, Set<String> groups) {
        return new OidcClients.Registration(clientId, "App " + clientId, true, List.of(), List.of(), Set.of("openid"),
                Set.of(), false, Duration.ofMinutes(5), Duration.ofDays(1), groups, null, URI.create(home));
    }
}
