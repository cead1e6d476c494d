package dev.holdfast.platform.crm;

import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON client of a node's API for tests: a signed-in session (cookie + X-CSRF-TOKEN), an X-Api-Key, a bearer token or other headers. */
final class CrmApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestNode node;
    private final Map<String, String> headers;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private CrmApi(TestNode node, Map<String, String> headers) {
        this.node = node;
        this.headers = headers;
    }

    static CrmApi session(TestNode node, WebSession session) {
        session.get("/");
        return new CrmApi(node, Map.of("Cookie", session.cookieHeader(), "X-CSRF-TOKEN", session.csrfToken()));
    }

    static CrmApi apiKey(TestNode node, String key) {
        return new CrmApi(node, Map.of("X-Api-Key", key));
    }

    static CrmApi bearer(TestNode node, String token) {
        return new CrmApi(node, Map.of("Authorization", "Bearer " + token));
    }

    static CrmApi headers(TestNode node, Map<String, String> headers) {
        return new CrmApi(node, headers);
    }

    /** The same credentials against another node. */
    CrmApi on(TestNode other) {
        return new CrmApi(other, headers);
    }

    CrmApi with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new CrmApi(node, more);
    }

    HttpResponse<String> get(String path, String... parameters) {
        return send("GET", path + query(parameters), null);
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

    HttpResponse<String> delete(String path, String json) {
        return send("DELETE", path, json);
    }

    /** The answer's JSON, failing unless the status is 200. */
    JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Pairs of name and value, URL-encoded (brackets too). */
    private static String query(String... parameters) {
        if (parameters.length == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < parameters.length; i += 2) {
            if (i > 0) {
                query.append('&');
            }
            query.append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** The answer as bytes (a file: an XLSX export, an attachment). */
    HttpResponse<byte[]> bytes(String method, String path, String json) {
        return send(method, path, json, "*/*", HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json, "application/json", HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String method, String path, String json, String accept, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri(path).toString()))
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
