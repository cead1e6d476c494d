package dev.holdfast.platform.monitor.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP(S): method, headers, body, basic or bearer auth, accepted status codes, redirects followed up to a limit,
 * keyword (or its absence), a JSON path assertion, Gatus-style conditions, a TLS certificate expiry warning, and
 * TLS errors optionally ignored. Reads at most {@link #MAX_BODY} bytes of a body.
 */
@Component
class HttpCheck implements Check {

    /** The most of a response body any assertion looks at; the rest is never read. */
    static final int MAX_BODY = 256 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient verifying = client(false);
    private final HttpClient trusting = client(true);

    @Override
    public String type() {
        return "http";
    }

    @Override
    public String target(CheckConfig config) {
        return config.string("url", "");
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        try {
            return URI.create(config.string("url", "")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        String url = config.string("url");
        if (url == null) {
            errors.add("config.url", "a URL is required");
        } else {
            try {
                URI uri = new URI(url);
                if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                    errors.add("config.url", "the URL must start with http:// or https://");
                } else if (uri.getHost() == null || !CheckConfig.isHost(uri.getHost())) {
                    errors.add("config.url", "the URL has no valid host");
                }
            } catch (java.net.URISyntaxException e) {
                errors.add("config.url", "not a URL: " + e.getReason());
            }
        }
        if (!METHODS.contains(config.string("method", "GET").toUpperCase(java.util.Locale.ROOT))) {
            errors.add("config.method", "one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
        }
        try {
            StatusCodes.parse(config.string("acceptedStatus", "200-299"));
        } catch (IllegalArgumentException e) {
            errors.add("config.acceptedStatus", e.getMessage());
        }
        config.requireRange("maxRedirects", 0, 30, errors);
        config.requireRange("certExpiryDays", 0, 365, errors);
        String path = config.string("jsonPath");
        if (path != null) {
            try {
                JsonPath.compile(path);
            } catch (IllegalArgumentException e) {
                errors.add("config.jsonPath", e.getMessage());
            }
        }
        String conditions = config.string("conditions");
        if (conditions != null) {
            try {
                Conditions.parse(conditions);
            } catch (IllegalArgumentException e) {
                errors.add("config.conditions", e.getMessage());
            }
        }
        config.map("headers").keySet().stream().filter(name -> !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")).findFirst()
                .ifPresent(name -> errors.add("config.headers", "\"" + CheckConfig.abbreviate(name) + "\" is not a header name"));
    }

    @Override
    public CheckResult check(CheckRequest request) throws IOException, InterruptedException {
        CheckConfig config = request.config();
        HttpClient client = config.bool("ignoreTls") ? trusting : verifying;
        int maxRedirects = config.integer("maxRedirects", 10);
        String method = config.string("method", "GET").toUpperCase(java.util.Locale.ROOT);
        URI uri = URI.create(config.string("url", ""));
        long start = System.nanoTime();
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request(config, uri, method, request.timeout()), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                String cause = Causes.of(e);
                if (cause.startsWith("DNS:")) {
                    return CheckResult.down(millis(start), "DNS: cannot resolve " + uri.getHost());
                }
                if (cause.startsWith("TLS: certificate expired")) {
                    return CheckResult.down(millis(start), expiredCause(uri, request));
                }
                throw e;
            }
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status >= 300 && status < 400 && status != 304 && location != null && maxRedirects > 0) {
                response.body().close();
                if (redirects >= maxRedirects) {
                    return CheckResult.down(millis(start), "too many redirects (more than " + maxRedirects + ")");
                }
                uri = uri.resolve(location);
                if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                    method = "GET";
                }
                continue;
            }
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            return judge(config, response, status, body, millis(start), request.now());
        }
    }

    private CheckResult judge(CheckConfig config, HttpResponse<?> response, int status, String body, long millis, Instant now) {
        StatusCodes accepted = StatusCodes.parse(config.string("acceptedStatus", "200-299"));
        if (!accepted.accepts(status)) {
            return CheckResult.down(millis, "HTTP " + status + " (accepted: " + accepted.text() + ")");
        }
        String keyword = config.string("keyword");
        if (keyword != null) {
            boolean found = body.contains(keyword);
            if (config.bool("invertKeyword") && found) {
                return CheckResult.down(millis, "keyword \"" + CheckConfig.abbreviate(keyword) + "\" found, but must be absent");
            }
            if (!config.bool("invertKeyword") && !found) {
                return CheckResult.down(millis, "keyword \"" + CheckConfig.abbreviate(keyword) + "\" not found");
            }
        }
        String path = config.string("jsonPath");
        if (path != null) {
            String failure = jsonFailure(path, config.string("jsonExpected"), body);
            if (failure != null) {
                return CheckResult.down(millis, failure);
            }
        }
        String conditions = config.string("conditions");
        if (conditions != null) {
            String failure = Conditions.parse(conditions).failure(status, millis, body);
            if (failure != null) {
                return CheckResult.down(millis, failure);
            }
        }
        int warnDays = config.integer("certExpiryDays", 0);
        if (warnDays > 0 && response.sslSession().isPresent()) {
            Certificate[] chain;
            try {
                chain = response.sslSession().get().getPeerCertificates();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                chain = new Certificate[0];
            }
            String failure = certificateFailure(chain, warnDays, now);
            if (failure != null) {
                return CheckResult.down(millis, failure);
            }
        }
        return CheckResult.up(millis, "HTTP " + status);
    }

    private static @Nullable String jsonFailure(String path, @Nullable String expected, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "JSON: the body is not JSON";
        }
        JsonPointer pointer = JsonPath.compile(path);
        JsonNode node = root.at(pointer);
        if (node.isMissingNode()) {
            return "JSON: nothing at " + path;
        }
        String actual = node.isValueNode() ? node.asString() : node.toString();
        if (expected != null && !expected.equals(actual)) {
            return "JSON: " + path + " is \"" + CheckConfig.abbreviate(actual) + "\", expected \"" + CheckConfig.abbreviate(expected) + "\"";
        }
        return null;
    }

    /** A failure when the leaf certificate expires within the warning days (or already has). */
    static @Nullable String certificateFailure(Certificate[] chain, int warnDays, Instant now) {
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return null;
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        String date = notAfter.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (notAfter.isBefore(now)) {
            return "TLS: certificate expired on " + date;
        }
        long days = Duration.between(now, notAfter).toDays();
        return days < warnDays ? "TLS: certificate expires on " + date + " (in " + days + " days)" : null;
    }

    /** Names the expiry date of an expired certificate (a second handshake that trusts anything, only to read it). */
    private static String expiredCause(URI uri, CheckRequest request) {
        int port = uri.getPort() > 0 ? uri.getPort() : 443;
        try {
            Certificate[] chain = TlsCheck.handshake(uri.getHost(), port, (int) Math.max(1, request.timeout().toMillis()));
            String failure = certificateFailure(chain, 0, request.now());
            return failure == null ? "TLS: certificate expired" : failure;
        } catch (IOException e) {
            return "TLS: certificate expired";
        }
    }

    private static HttpRequest request(CheckConfig config, URI uri, String method, Duration timeout) {
        String body = config.string("body");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("User-Agent", "Holdfast-Monitor");
        config.map("headers").forEach(builder::setHeader);
        String user = config.string("basicUser");
        if (user != null) {
            String pair = user + ":" + config.string("basicPassword", "");
            builder.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String bearer = config.string("bearerToken");
        if (bearer != null) {
            builder.setHeader("Authorization", "Bearer " + bearer);
        }
        return builder.build();
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static HttpClient client(boolean trustAll) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        if (trustAll) {
            builder.sslContext(TrustAll.context());
        }
        return builder.build();
    }
}
