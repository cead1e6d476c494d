package dev.holdfast.platform.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.monitor.notify.HttpReceiver.Recorded;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every notification channel must do, checked against a local receiver standing in for the provider's API:
 * send the exact request the API documents for a down message, a recovery (with how long it was down) and a test
 * message; report a server error with its status, and a timeout, as failed deliveries worth retrying; require its
 * required settings; never put a secret into a failure message. A provider's test extends this class and says what
 * its API expects.
 */
abstract class NotificationChannelContractTests {

    /** The providers' timeout in the timeout test; the others allow more, since test machines are busy. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    static final Instant DOWN_AT = Instant.parse("2026-11-30T05:00:00Z");
    static final Instant UP_AT = Instant.parse("2026-11-30T05:12:05Z");

    static final Message DOWN = new Message("d-1", Message.Kind.DOWN, "m-42", "Shop API", "https://shop.example/health",
            "HTTP 503 Service Unavailable", DOWN_AT, null);
    static final Message UP = new Message("u-1", Message.Kind.UP, "m-42", "Shop API", "https://shop.example/health",
            "HTTP 200 in 84 ms", UP_AT, Duration.ofMinutes(12).plusSeconds(5));
    static final Message TEST = Message.test("t-1", "Ops room", DOWN_AT);

    /** The one wording every channel carries (written out here, so a change of wording is a visible change). */
    static final String DOWN_TITLE = "Shop API is DOWN";
    static final String DOWN_TEXT = "Shop API (https://shop.example/health) is DOWN since 2026-11-30 05:00:00 UTC: "
            + "HTTP 503 Service Unavailable";
    static final String UP_TITLE = "Shop API is UP";
    static final String UP_TEXT = "Shop API (https://shop.example/health) is UP again at 2026-11-30 05:12:05 UTC after "
            + "12m 5s down: HTTP 200 in 84 ms";
    static final String TEST_TITLE = "Holdfast test notification";
    static final String TEST_TEXT = "This is a test of the notification channel \"Ops room\" at 2026-11-30 05:00:00 UTC. "
            + "If you can read it, Holdfast's alerts will reach you here.";

    protected HttpReceiver receiver;
    /** The timeout of requests to the provider (SMTP: connect, read and write). */
    protected Duration timeout = Duration.ofSeconds(10);

    @BeforeEach
    void startReceiver() {
        receiver = new HttpReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** The provider under test; providers with one public API find it at {@code settings}' URLs (the receiver). */
    protected abstract NotificationChannel channel(HttpSender http, NotificationSettings settings);

    /** Valid settings of a channel that sends to the receiver at {@code receiverUrl}. */
    protected abstract Map<String, String> settings(String receiverUrl);

    /** The exact request the provider's API expects for the message. */
    protected abstract Expected expected(Message message);

    /** How the provider's API answers a good request (most: 200 with JSON). */
    protected void answerSuccess(HttpReceiver receiver) {
        receiver.answer(200, "{\"ok\":true}");
    }

    // hooks a provider that does not speak HTTP (SMTP) overrides

    protected NotificationChannel channel() {
        return channel(new HttpSender(NotificationSettings.allAt(receiver.url(), timeout)),
                NotificationSettings.allAt(receiver.url(), timeout));
    }

    protected Map<String, String> settings() {
        return settings(receiver.url());
    }

    protected Recorded received() {
        return receiver.next();
    }

    protected void failWithServerError() {
        receiver.answer(503, "{\"error\":\"upstream is having a bad day\"}");
    }

    /** The status the failure message must name after {@link #failWithServerError()}. */
    protected int serverErrorStatus() {
        return 503;
    }

    protected void hang() {
        receiver.hang();
    }

    protected void refuse() {
        receiver.answer(400, "{\"error\":\"bad request\"}");
    }

    // the contract

    @Test
    void sendsADownMessageAsTheApiExpects() {
        answerSuccess(receiver);
        deliver(DOWN);
        assertMatches(expected(DOWN), received());
    }

    @Test
    void sendsARecoveryAsTheApiExpects() {
        answerSuccess(receiver);
        deliver(UP);
        assertMatches(expected(UP), received());
    }

    @Test
    void sendsATestMessageAsTheApiExpects() {
        answerSuccess(receiver);
        deliver(TEST);
        assertMatches(expected(TEST), received());
    }

    @Test
    void reportsAServerErrorAsAFailedDeliveryWithItsStatus() {
        failWithServerError();
        assertThatThrownBy(() -> deliver(DOWN)).isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
            assertThat(e.getMessage()).contains(Integer.toString(serverErrorStatus()));
            assertThat(e.retryable()).as("worth retrying").isTrue();
            assertNoSecretIn(e.getMessage());
        });
    }

    @Test
    void reportsATimeoutAsAFailedDeliveryWorthRetrying() {
        timeout = SHORT_TIMEOUT;
        hang();
        long start = System.nanoTime();
        assertThatThrownBy(() -> deliver(DOWN)).isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
            assertThat(e.getMessage()).containsIgnoringCase("timeout").doesNotContain("null");
            assertThat(e.status()).isNull();
            assertThat(e.retryable()).isTrue();
            assertNoSecretIn(e.getMessage());
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gives up long before the receiver does (30 s)")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void reportsARefusedMessageAsAFailedDeliveryNotWorthRetrying() {
        refuse();
        assertThatThrownBy(() -> deliver(DOWN)).isInstanceOfSatisfying(DeliveryFailedException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertNoSecretIn(e.getMessage());
        });
    }

    @Test
    void requiresEachRequiredSetting() {
        NotificationChannel channel = channel();
        ChannelRegistry registry = new ChannelRegistry(List.of(channel));
        List<ChannelSetting> required = channel.settings().stream().filter(ChannelSetting::required).toList();
        assertThat(required).as("a channel needs at least one setting to know where to send").isNotEmpty();
        for (ChannelSetting setting : required) {
            Map<String, String> without = new LinkedHashMap<>(settings());
            without.remove(setting.name());
            assertThatThrownBy(() -> registry.check(channel, without)).isInstanceOfSatisfying(InvalidChannelException.class,
                    e -> assertThat(e.errors()).containsKey("settings." + setting.name()));
        }
    }

    // helpers

    private void deliver(Message message) {
        NotificationChannel channel = channel();
        Map<String, String> checked = new ChannelRegistry(List.of(channel)).check(channel, settings());
        channel.send(checked, message);
    }

    private void assertNoSecretIn(String text) {
        NotificationChannel channel = channel();
        Map<String, String> settings = settings();
        channel.settings().stream().filter(ChannelSetting::secret).map(s -> settings.get(s.name()))
                .filter(v -> v != null && !v.isBlank())
                .forEach(secret -> assertThat(text).as("failure message shows a secret").doesNotContain(secret));
    }

    static void assertMatches(Expected expected, Recorded actual) {
        assertThat(actual.method()).as("method").isEqualTo(expected.method());
        assertThat(actual.path()).as("path").isEqualTo(expected.path());
        expected.headers().forEach((name, value) ->
                assertThat(actual.headers().get(name.toLowerCase(Locale.ROOT))).as("header " + name).isEqualTo(value));
        switch (expected.kind()) {
            case JSON -> assertThat(HttpSender.JSON.readTree(actual.body())).as("JSON body")
                    .isEqualTo(HttpSender.JSON.valueToTree(expected.body()));
            case FORM -> assertThat(form(actual.body())).as("form body").isEqualTo(expected.body());
            case TEXT -> assertThat(actual.body()).as("body").isEqualTo(expected.body());
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).forEach(pair -> fields.put(
                URLDecoder.decode(pair[0], StandardCharsets.UTF_8), URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        return fields;
    }

    /** One request as the provider's API documents it. Header names match case-insensitively; other headers are allowed. */
    record Expected(String method, String path, Map<String, String> headers, Kind kind, Object body) {

        enum Kind { JSON, FORM, TEXT }

        static Expected json(String method, String path, Object body) {
            return new Expected(method, path, Map.of("Content-Type", "application/json"), Kind.JSON, body);
        }

        static Expected form(String path, Map<String, String> fields) {
            return new Expected("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), Kind.FORM, fields);
        }

        Expected withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Expected(method, path, all, kind, body);
        }
    }

    /** For readable expectations: an ordered map from alternating keys and values. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static JsonNode tree(String json) {
        return HttpSender.JSON.readTree(json);
    }
}
