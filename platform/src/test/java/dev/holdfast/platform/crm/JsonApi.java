package dev.holdfast.platform.crm;

import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON client riding a signed-in {@link WebSession} (its cookie, and its CSRF token in X-CSRF-TOKEN). */
final class JsonApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node;
    private final String base;
    private final String cookie;
    private final String csrf;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private JsonApi(TestNode node, String base, String cookie, String csrf) {
        this.node = node;
        this.base = base;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    static JsonApi session(TestNode node, WebSession session, String base) {
        session.get("/");
        return new JsonApi(node, base, session.cookieHeader(), session.csrfToken());
    }

    static JsonApi anonymous(TestNode node, String base) {
        return new JsonApi(node, base, null, null);
    }

    JsonApi withoutCsrf() {
        return new JsonApi(node, base, cookie, null);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(base + path))
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
