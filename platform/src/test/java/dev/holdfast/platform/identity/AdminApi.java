package dev.holdfast.platform.identity;

import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON client of {@code /api/identity/v1} for tests: either riding a signed-in {@link WebSession} (its cookie,
 * and its CSRF token in the X-CSRF-TOKEN header) or sending a bearer token.
 */
final class AdminApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node;
    private final String cookie;
    private final String csrf;
    private final String bearer;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private AdminApi(TestNode node, String cookie, String csrf, String bearer) {
        this.node = node;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    /** Uses the session's cookie and the CSRF token of a page it loads now. */
    static AdminApi session(TestNode node, WebSession session) {
        session.get("/");
        return new AdminApi(node, session.cookieHeader(), session.csrfToken(), null);
    }

    static AdminApi bearer(TestNode node, String token) {
        return new AdminApi(node, null, null, token);
    }

    /** The same session without the CSRF header, as a cross-site request would come. */
    AdminApi withoutCsrf() {
        return new AdminApi(node, cookie, null, bearer);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** POSTs and returns the created resource's JSON, failing unless the answer is 201. */
    JsonNode create(String path, String json) {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/api/identity/v1" + path))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
