package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth steps the CRM's credential tests take as an application {@code crm-sync} registered with
 * {@link #REDIRECT}: a code + PKCE authorization driven through a signed-in browser session, form posts to the
 * token and revocation endpoints with the client's secret, and the CRM API's 401 problem detail.
 */
final class OidcClientFlows {

    static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private OidcClientFlows() {
    }

    /** Authorizes {@code crm-sync} as the browser's user (S256 challenge of {@code verifier}) and returns the code. */
    static String authorize(WebSession browser, String verifier) throws NoSuchAlgorithmException {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        var response = browser.get("/oauth2/authorize?response_type=code&client_id=crm-sync&scope=openid&state=st&nonce=n"
                + "&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirected back with a code").startsWith(REDIRECT + "?code=");
        for (String part : URI.create(location).getRawQuery().split("&")) {
            if (part.startsWith("code=")) {
                return URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + location);
    }

    /** A form post with the client's Basic credentials (the token and revocation endpoints). */
    static HttpResponse<String> postForm(TestNode node, String path, String clientId, String secret, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(node.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertUnauthorized(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).as(why + ": " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JsonClient.json(response).get("status").asInt()).isEqualTo(401);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
