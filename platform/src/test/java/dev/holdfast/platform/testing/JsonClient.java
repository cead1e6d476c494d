package dev.holdfast.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON client of a {@link TestNode}'s APIs for tests, as a script or another program would call them: riding a
 * signed-in {@link WebSession} (its cookie, and its CSRF token in X-CSRF-TOKEN), with a bearer token, an X-Api-Key,
 * other headers, or nobody. Sends {@code Accept: application/json}, follows no redirects. Immutable; the
 * {@code with…}/{@code under}/{@code on} methods return a new client.
 */
public final class JsonClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node;
    private final String base;
    private final Map<String, String> headers;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private JsonClient(TestNode node, String base, Map<String, String> headers) {
        this.node = node;
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** Uses the session's cookie and the CSRF token of a page it loads now. */
    public static JsonClient session(TestNode node, WebSession session) {
        session.get("/");
        return headers(node, Map.of("Cookie", session.cookieHeader(), "X-CSRF-TOKEN", session.csrfToken()));
    }

    public static JsonClient bearer(TestNode node, String token) {
        return headers(node, Map.of("Authorization", "Bearer " + token));
    }

    public static JsonClient apiKey(TestNode node, String key) {
        return headers(node, Map.of("X-Api-Key", key));
    }

    public static JsonClient anonymous(TestNode node) {
        return headers(node, Map.of());
    }

    public static JsonClient headers(TestNode node, Map<String, String> headers) {
        return new JsonClient(node, "", headers);
    }

    /** The same credentials with paths relative to {@code base} (e.g. {@code /api/identity/v1}). */
    public JsonClient under(String base) {
        return new JsonClient(node, base, headers);
    }

    /** The same credentials against another node. */
    public JsonClient on(TestNode other) {
        return new JsonClient(other, base, headers);
    }

    /** The same client with one more header, or another value of one it sends. */
    public JsonClient with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new JsonClient(node, base, more);
    }

    /** The same session without the CSRF header, as a cross-site request would come. */
    public JsonClient withoutCsrf() {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove("X-CSRF-TOKEN");
        return new JsonClient(node, base, fewer);
    }

    /** GETs the path with query parameters given as pairs of name and value (URL-encoded, brackets too). */
    public HttpResponse<String> get(String path, String... parameters) {
        return send("GET", path + query(parameters), null);
    }

    public HttpResponse<String> post(String path, @Nullable String json) {
        return send("POST", path, json);
    }

    public HttpResponse<String> put(String path, @Nullable String json) {
        return send("PUT", path, json);
    }

    public HttpResponse<String> patch(String path, @Nullable String json) {
        return send("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    public HttpResponse<String> delete(String path, @Nullable String json) {
        return send("DELETE", path, json);
    }

    /** POSTs and returns the created resource's JSON, failing unless the answer is 201. */
    public JsonNode create(String path, String json) {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** The answer's JSON, failing unless the status is 200. */
    public JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String query(String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** Any answer as bytes (a file download, an export), accepting every content type. */
    public HttpResponse<byte[]> bytes(String method, String path, @Nullable String json) {
        return send(method, path, json, "*/*", HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(String method, String path, @Nullable String json) {
        return send(method, path, json, "application/json", HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String method, String path, @Nullable String json, String accept, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept", accept);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
