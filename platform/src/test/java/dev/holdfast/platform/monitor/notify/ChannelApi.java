package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A JSON client of a node's admin APIs for tests: a signed-in session (cookie + X-CSRF-TOKEN), a bearer token, or nobody. */
final class ChannelApi {

    private final TestNode node;
    private final @Nullable String cookie;
    private final @Nullable String csrf;
    private final @Nullable String bearer;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ChannelApi(TestNode node, @Nullable String cookie, @Nullable String csrf, @Nullable String bearer) {
        this.node = node;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    static ChannelApi session(TestNode node, WebSession session) {
        session.get("/");
        return new ChannelApi(node, session.cookieHeader(), session.csrfToken(), null);
    }

    static ChannelApi bearer(TestNode node, String token) {
        return new ChannelApi(node, null, null, token);
    }

    static ChannelApi anonymous(TestNode node) {
        return new ChannelApi(node, null, null, null);
    }

    ChannelApi withoutCsrf() {
        return new ChannelApi(node, cookie, null, bearer);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, @Nullable String json) {
        return send("POST", path, json);
    }

    HttpResponse<String> put(String path, @Nullable String json) {
        return send("PUT", path, json);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** POSTs and returns the created resource, failing unless the answer is 201. */
    JsonNode create(String path, String json) {
        HttpResponse<String> response = post(path, json);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        return HttpSender.JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, @Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).header("Accept", "application/json")
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
