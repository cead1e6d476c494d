package dev.holdfast.platform.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A generic webhook: a JSON body sent with the chosen method and headers to any URL. Without a template the body is
 * Holdfast's own shape (see {@link #defaultBody}); a template is JSON with placeholders such as
 * {@code {{monitorName}}}, replaced by the value escaped for a JSON string, so {@code "name": "{{monitorName}}"} is
 * always valid; {@code {{downForSeconds}}} is a number or {@code null} and goes without quotes.
 */
@Component
class WebhookChannel implements NotificationChannel {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
    static final Set<String> PLACEHOLDERS = Set.of("kind", "state", "monitorId", "monitorName", "target", "cause", "at",
            "downFor", "downForSeconds", "title", "text");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "connection", "upgrade",
            "expect", "content-type", "transfer-encoding");

    private final HttpSender http;

    WebhookChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String displayName() {
        return "Webhook";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(
                ChannelSetting.url("url", "URL").secretValue(),
                ChannelSetting.choice("method", "Method", "POST", "POST", "PUT", "PATCH"),
                ChannelSetting.textarea("headers", "Headers").secretValue().help("One per line: Name: value"),
                ChannelSetting.textarea("body", "Body template (JSON)")
                        .help("Empty for Holdfast's JSON. Placeholders: {{" + String.join("}}, {{", PLACEHOLDERS.stream().sorted().toList()) + "}}"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            headers(settings.getOrDefault("headers", ""));
        } catch (IllegalArgumentException e) {
            errors.put("headers", e.getMessage());
        }
        String template = settings.getOrDefault("body", "");
        if (!template.isBlank()) {
            Message sample = new Message("sample", Message.Kind.UP, "m1", "Shop \"API\"", "https://shop.example/health",
                    "HTTP 200", Instant.EPOCH, Duration.ofMinutes(3));
            try {
                HttpSender.JSON.readTree(render(template, sample));
            } catch (IllegalArgumentException e) {
                errors.put("body", e.getMessage());
            } catch (RuntimeException e) {
                errors.put("body", "not JSON once the placeholders are filled in");
            }
        }
        return errors;
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        String template = settings.getOrDefault("body", "");
        String body = template.isBlank() ? HttpSender.JSON.writeValueAsString(defaultBody(message)) : render(template, message);
        http.send(settings.getOrDefault("method", "POST"), settings.get("url"), "application/json", body,
                headers(settings.getOrDefault("headers", "")));
    }

    /** Holdfast's own webhook body. */
    static Map<String, Object> defaultBody(Message message) {
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("id", message.monitorId());
        monitor.put("name", message.monitorName());
        monitor.put("target", message.target());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", message.kind().name());
        body.put("state", message.kind().state());
        body.put("monitor", monitor);
        body.put("cause", message.cause());
        body.put("at", message.at().toString());
        body.put("downForSeconds", message.downFor() == null ? null : message.downFor().toSeconds());
        body.put("title", message.title());
        body.put("text", message.text());
        return body;
    }

    /** The template with every placeholder replaced; an unknown placeholder is an {@link IllegalArgumentException}. */
    static String render(String template, Message message) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value(name, message)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(String name, Message message) {
        if (name.equals("downForSeconds")) {
            return message.downFor() == null ? "null" : Long.toString(message.downFor().toSeconds());
        }
        @Nullable String text = switch (name) {
            case "kind" -> message.kind().name();
            case "state" -> message.kind().state();
            case "monitorId" -> message.monitorId();
            case "monitorName" -> message.monitorName();
            case "target" -> message.target();
            case "cause" -> message.cause();
            case "at" -> message.at().toString();
            case "downFor" -> message.downForText() == null ? "" : message.downForText();
            case "title" -> message.title();
            default -> message.text();
        };
        String quoted = HttpSender.JSON.writeValueAsString(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** {@code Name: value} lines as headers; blank lines are skipped. */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("each line is Name: value");
            }
            if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the header " + name + " is set by Holdfast");
            }
            headers.put(name, line.substring(colon + 1).strip());
        }
        return headers;
    }
}
