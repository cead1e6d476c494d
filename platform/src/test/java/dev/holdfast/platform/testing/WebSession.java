package dev.holdfast.platform.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser session against one {@link TestNode}, without a browser: keeps cookies, does not follow
 * redirects, and fills in the CSRF token of the last page it loaded when posting a form.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final TestNode node;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf = "";

    public WebSession(TestNode node) {
        this.node = node;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * GETs a path (or absolute URL) and remembers its CSRF token, if the page has one. Like a browser, follows a
     * module's sign-in round trip through Holdfast's OpenID Connect provider ({@code /oauth2/authorize} for a
     * {@code holdfast-*} application, then its {@code /sso/callback}) back to the page; any other redirect is answered.
     */
    public HttpResponse<String> get(String pathOrUrl) {
        HttpResponse<String> response = step(pathOrUrl);
        if (!isModuleSignIn(response)) {
            return response;
        }
        HttpResponse<String> atProvider = step(location(response));
        if (atProvider.statusCode() != 302 || !location(atProvider).contains("/sso/callback?")) {
            return atProvider; // stopped at the provider: the sign-in form, a second factor, the access-denied page
        }
        HttpResponse<String> back = step(location(atProvider));
        return back.statusCode() == 302 && !isModuleSignIn(back) ? step(location(back)) : back;
    }

    /** GETs exactly one path (or absolute URL), following nothing. */
    public HttpResponse<String> step(String pathOrUrl) {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET().header("Accept", "text/html").build());
    }

    private static boolean isModuleSignIn(HttpResponse<String> response) {
        String location = location(response);
        return response.statusCode() == 302 && location.contains("/oauth2/authorize?") && location.contains("client_id=holdfast-");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** POSTs a form with the CSRF token of the last page loaded. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Signs in through the login form; fails the test if that does not lead home. */
    public WebSession signIn(String username, String password) {
        get("/login");
        var response = post("/login", Map.of("username", username, "password", password));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("sign-in as " + username + " failed: " + response.statusCode() + " -> " + location);
        }
        return this;
    }

    /** Completes first-run setup through the printed link, creating an administrator, and stays signed in. */
    public WebSession setUp(String username, String password) {
        var page = get(node.setupLink());
        if (page.statusCode() != 200) {
            throw new AssertionError("setup page answered " + page.statusCode());
        }
        String token = node.setupLink().substring(node.setupLink().indexOf("token=") + 6);
        var response = post("/setup", Map.of("token", token, "username", username, "password", password,
                "passwordConfirmation", password));
        if (response.statusCode() != 302) {
            throw new AssertionError("setup answered " + response.statusCode() + ": " + response.body());
        }
        return this;
    }

    /** The session cookie header value, for clients that are not this one (e.g. a WebSocket). */
    public String cookieHeader() {
        return cookies.getCookieStore().get(node.uri("/")).stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** The CSRF token of the last page loaded. */
    public String csrfToken() {
        return csrf;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CSRF_META.matcher(response.body());
            if (matcher.find() || (matcher = CSRF.matcher(response.body())).find()) {
                csrf = matcher.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : node.uri(pathOrUrl);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
