package dev.holdfast.platform.monitor.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client every provider sends with: the JDK's client on this node's virtual threads, one timeout for
 * connecting and answering, no redirects (a webhook that redirects is misconfigured, and following it could leak the
 * body elsewhere). Answers are read up to 4 KiB. Failures become {@link DeliveryFailedException}s whose messages
 * carry the status and the start of the answer, never the URL (webhook URLs are secrets). Thread-safe.
 */
@Component
class HttpSender {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ANSWER = 4096;

    private final HttpClient client;
    private final Duration timeout;

    HttpSender(NotificationSettings settings) {
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code body} as JSON and returns the start of a 2xx answer. */
    String json(String method, String url, Object body, Map<String, String> headers) {
        return send(method, url, "application/json", JSON.writeValueAsString(body), headers);
    }

    /** Sends the fields as {@code application/x-www-form-urlencoded} and returns the start of a 2xx answer. */
    String form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", url, "application/x-www-form-urlencoded", body, Map.of());
    }

    /**
     * Sends a request and returns the start of a 2xx answer.
     *
     * @throws DeliveryFailedException on any other status (retryable for 5xx and 429), a timeout or no connection
     */
    String send(String method, String url, @Nullable String contentType, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.header("User-Agent", "Holdfast");
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailedException("the request is not valid (check the channel's URL and headers)", null, false);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailedException("no answer within " + timeout.toMillis() + " ms (timeout)", null, true);
        } catch (IOException e) {
            throw new DeliveryFailedException("could not connect (" + e.getClass().getSimpleName() + ")", null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted", null, true);
        }
        String answer = read(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return answer;
        }
        String start = answer.isBlank() ? "" : ": " + oneLine(answer);
        throw new DeliveryFailedException("the provider answered HTTP " + status + start, status,
                status >= 500 || status == 429 || status == 408);
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The base URL without a trailing slash. */
    static String base(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
