package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A relying party's side of the protocol, over plain HTTP, for tests: registration, authorization request, token calls. */
final class OidcTestClient {

    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    OidcTestClient(TestNode node) {
        this.node = node;
    }

    OidcClients.Registered register(String clientId, Set<String> grants, boolean consent, Set<String> groups,
            @Nullable URI backchannel) {
        return node.bean(OidcClients.class).register(new OidcClients.Registration(clientId, "App " + clientId, true,
                List.of(URI.create(REDIRECT)), List.of(), Set.of("openid", "profile", "email"), grants, consent,
                Duration.ofMinutes(5), Duration.ofDays(1), groups, backchannel, null));
    }

    /** The authorization request in the browser; returns where it was sent. */
    static String authorize(WebSession browser, String clientId, String verifier) throws Exception {
        return browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + enc("openid profile email")
                + "&state=st&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256").headers().firstValue("Location").orElse("");
    }

    static String parameter(String location, String name) {
        for (String part : URI.create(location).getRawQuery().split("&")) {
            if (part.startsWith(name + "=")) {
                return URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + location);
    }

    /** Signs in to the application (code + PKCE) and returns its tokens. */
    JsonNode signIn(WebSession browser, String clientId, String secret) throws Exception {
        String verifier = "v".repeat(64);
        String code = parameter(authorize(browser, clientId, verifier), "code");
        HttpResponse<String> tokens = post("/oauth2/token", clientId, secret, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token request answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    /** A form POST authenticated as the client (HTTP Basic). */
    HttpResponse<String> post(String path, String clientId, String secret, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(node.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
