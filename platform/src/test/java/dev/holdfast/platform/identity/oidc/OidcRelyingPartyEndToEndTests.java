package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A certified relying-party library (npm {@code openid-client}) signs in to a running Holdfast through its own
 * sign-in form, refreshes, reads userinfo and signs out; and it gets the standard error for each misuse.
 */
class OidcRelyingPartyEndToEndTests {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @DatabaseTest
    void openidClientSignsInRefreshesAndSignsOutAndGetsTheStandardErrors(TestDatabase db) throws Exception {
        Path peers = Peers.npmLibrary("openid-client");
        try (TestNode node = db.startNode(Map.of("holdfast.identity.oidc.code-ttl", "2s"))) {
            node.session().setUp("admin", "correct horse battery staple");
            var registered = node.bean(OidcClients.class).register(new OidcClients.Registration("rp", "Relying party", true,
                    List.of(URI.create(REDIRECT)), List.of(URI.create("http://127.0.0.1:9/bye")),
                    Set.of("openid", "profile", "email", "groups"), Set.of("authorization_code", "refresh_token"), false,
                    Duration.ofMinutes(5), Duration.ofDays(1), Set.of(), null, null));

            ProcessBuilder rp = new ProcessBuilder("node", peers.resolve("oidc-rp.mjs").toString()).redirectErrorStream(true);
            rp.environment().putAll(Map.of("ISSUER", node.uri("").toString().replaceAll("/$", ""), "CLIENT_ID", "rp",
                    "CLIENT_SECRET", registered.secret(), "REDIRECT_URI", REDIRECT, "POST_LOGOUT_URI", "http://127.0.0.1:9/bye",
                    "USERNAME", "admin", "PASSWORD", "correct horse battery staple", "CODE_TTL_MS", "2000"));
            Process process = rp.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            Map<String, JsonNode> checks = new LinkedHashMap<>();
            JsonMapper json = JsonMapper.builder().build();
            for (String line : output.lines().toList()) {
                if (line.startsWith("{\"check\"")) {
                    JsonNode check = json.readTree(line);
                    checks.put(check.get("check").asString(), check);
                }
            }
            assertThat(checks.keySet()).as(output).containsExactly("discovery", "login-redirects-back-with-code", "id-token",
                    "userinfo", "refresh", "reused-refresh-token", "refresh-family-revoked", "reused-code",
                    "reused-code-revokes-its-tokens", "pkce-mismatch",
                    "expired-code", "unregistered-redirect-uri", "tampered-id-token", "logout-returns-to-app",
                    "logout-ended-session");
            checks.forEach((name, check) -> assertThat(check.get("ok").asBoolean()).as(name + ": " + check.get("detail")).isTrue());
            assertThat(process.exitValue()).as(output).isZero();
        }
    }
}
