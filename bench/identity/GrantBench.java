package identity;

import static common.Bench.enc;

import common.Bench;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenID Connect token paths against a running provider (Holdfast or Keycloak: only the endpoint URLs differ),
 * several at once, each worker on its own keep-alive HTTP/1.1 connection. Reads the server's CPU time (utime +
 * stime from /proc) before and after, so CPU per request excludes this client.
 *
 * Scenarios:
 *   cc       client-credentials grants (client_secret_basic)
 *   refresh  refresh-token grants: first signs in once per chain (one chain per worker) and exchanges the code;
 *            then each worker refreshes its own chain, always with the newest refresh token (rotation)
 *   login    login-to-code: a fresh browser (cookie jar, connection) GETs the authorization request (code + PKCE
 *            S256), follows redirects, fills in every sign-in form (username, password) until the provider
 *            redirects to the application with a code; latency is the whole flow
 *
 * Usage: java GrantBench.java <scenario> key=value...
 *   keys: authorize, token (endpoint URLs), client, secret, redirect, username, password, scope,
 *         count, concurrency, pid
 * Prints key=value lines.
 */
public class GrantBench {

    private static final Pattern JSON_STRING = Pattern.compile("\"(%s)\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Map<String, String> options;
    private static volatile String sample;

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int total = Integer.parseInt(options.get("count"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        long pid = Long.parseLong(options.get("pid"));

        String[] chains = new String[concurrency];
        if (scenario.equals("refresh")) {
            for (int c = 0; c < concurrency; c++) {
                String[] codeAndVerifier = login(newBrowser());
                if (codeAndVerifier == null) {
                    throw new IllegalStateException("could not sign in to start a refresh chain");
                }
                HttpClient http = newConnection();
                String body = tokenRequest(http, form("grant_type", "authorization_code", "code", codeAndVerifier[0],
                        "redirect_uri", options.get("redirect"), "code_verifier", codeAndVerifier[1]));
                chains[c] = jsonString(body, "refresh_token");
                if (chains[c] == null) {
                    throw new IllegalStateException("no refresh token in: " + body);
                }
            }
        }

        Bench.Load load = Bench.load(pid, total, concurrency, worker -> {
            HttpClient connection = newConnection();
            return i -> switch (scenario) {
                case "cc" -> {
                    String body = tokenRequest(connection, form("grant_type", "client_credentials"));
                    sample = body;
                    yield jsonString(body, "access_token") != null;
                }
                case "refresh" -> {
                    String body = tokenRequest(connection, form("grant_type", "refresh_token", "refresh_token", chains[worker]));
                    String rotated = jsonString(body, "refresh_token");
                    sample = body;
                    if (rotated != null) {
                        chains[worker] = rotated;
                    }
                    yield rotated != null && jsonString(body, "access_token") != null;
                }
                case "login" -> login(newBrowser()) != null;
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
        });
        load.print(new Bench.Keys("requests", "per_second", "cpu_ms_per_request", "per_core_second"));
        if (sample != null) { // what the server signed with: the JWS header's alg of the tokens in one response
            for (String token : new String[] {"access_token", "id_token"}) {
                String value = jsonString(sample, token);
                if (value != null && value.indexOf('.') > 0) {
                    String header = new String(java.util.Base64.getUrlDecoder().decode(value.substring(0, value.indexOf('.'))),
                            java.nio.charset.StandardCharsets.UTF_8);
                    java.util.regex.Matcher alg = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
                    System.out.printf("%s_alg=%s%n", token, alg.find() ? alg.group(1) : "?");
                }
            }
        }
        if (load.failures() == total) {
            System.exit(2);
        }
    }

    /** One keep-alive HTTP/1.1 connection (the client keeps it open between requests of one worker). */
    static HttpClient newConnection() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpClient newBrowser() {
        return Bench.browser(new LocalhostCookies());
    }

    /**
     * A browser's cookie jar for one host on the loopback address: browsers treat http://127.0.0.1 as a secure
     * context and send Secure cookies there (Keycloak marks its sign-in cookies Secure even over plain HTTP), which
     * java.net.CookieManager would not. Paths are ignored: every request of a flow goes to the same server.
     */
    static final class LocalhostCookies extends CookieHandler {

        private final Map<String, String> cookies = new java.util.LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            return Map.of("Cookie", List.of(header.toString()));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> headers) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Set-Cookie")) {
                    continue;
                }
                for (String cookie : header.getValue()) {
                    String[] parts = cookie.split(";");
                    int eq = parts[0].indexOf('=');
                    String name = parts[0].substring(0, eq).strip();
                    String value = parts[0].substring(eq + 1).strip();
                    String lower = cookie.toLowerCase(java.util.Locale.ROOT);
                    if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")
                            || lower.contains("expires=thu, 01-jan-1970")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
            }
        }
    }

    /** A token request authenticated as the client (HTTP Basic); the answer's body, or an exception when not 200. */
    static String tokenRequest(HttpClient http, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((enc(options.get("client")) + ":" + enc(options.get("secret")))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.get("token")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * From the authorization request without a session, through the provider's sign-in forms, to the redirect
     * carrying the code: returns {code, PKCE verifier}, or null when the flow ends anywhere else.
     */
    static String[] login(HttpClient browser) throws Exception {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = options.get("redirect");
        URI at = URI.create(options.get("authorize") + "?response_type=code&client_id=" + enc(options.get("client"))
                + "&scope=" + enc(options.getOrDefault("scope", "openid")) + "&state=bench&redirect_uri=" + enc(redirect)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        URI back = Bench.signIn(browser, at, options.get("username"), options.get("password"),
                to -> to.toString().startsWith(redirect));
        String code = back == null ? null : queryParameter(back.toString(), "code");
        return code == null ? null : new String[] {code, verifier};
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return body.toString();
    }

    static String jsonString(String json, String name) {
        Matcher matcher = Pattern.compile(JSON_STRING.pattern().formatted(Pattern.quote(name))).matcher(json);
        return matcher.find() ? matcher.group(2) : null;
    }

    static String queryParameter(String location, String name) {
        String query = URI.create(location).getRawQuery();
        for (String part : query == null ? new String[0] : query.split("&")) {
            if (part.startsWith(name + "=")) {
                return URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
