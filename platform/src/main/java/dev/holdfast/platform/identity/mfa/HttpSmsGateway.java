package dev.holdfast.platform.identity.mfa;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The built-in SMS gateway: one HTTP request per message to a provider's API, as configured in
 * {@link MfaSettings.Sms}. For example, with {@code HOLDFAST_IDENTITY_MFA_SMS_URL=https://sms.example/api/send},
 * {@code HOLDFAST_IDENTITY_MFA_SMS_HEADERS_AUTHORIZATION="Bearer abc"} and the default template it sends
 * <pre>
 * POST /api/send
 * Authorization: Bearer abc
 * Content-Type: application/json
 *
 * {"to":"+4915112345678","message":"Your Holdfast sign-in code is 123456. It expires in 5 minutes."}
 * </pre>
 * and counts any 2xx answer as sent.
 */
final class HttpSmsGateway implements SmsGateway {

    private final MfaSettings.Sms settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpSmsGateway(MfaSettings.Sms settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public boolean configured() {
        return settings.url() != null;
    }

    @Override
    public void send(String to, String message) {
        @Nullable String url = settings.url();
        if (url == null) {
            throw new SmsDeliveryException("no SMS gateway URL is configured (HOLDFAST_IDENTITY_MFA_SMS_URL)");
        }
        String body = settings.bodyTemplate().replace("{to}", json(to)).replace("{message}", json(message));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(settings.method(), HttpRequest.BodyPublishers.ofString(body));
        for (Map.Entry<String, String> header : settings.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new SmsDeliveryException("the SMS gateway answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new SmsDeliveryException("the SMS gateway could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsDeliveryException("interrupted while sending an SMS", e);
        }
    }

    /** The text as the inside of a JSON string. */
    static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
