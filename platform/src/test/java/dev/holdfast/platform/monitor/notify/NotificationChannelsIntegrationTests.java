package dev.holdfast.platform.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import dev.holdfast.platform.monitor.notify.HttpReceiver.Recorded;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class NotificationChannelsIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String CHANNELS = "/api/monitor/v1/channels";

    @DatabaseTest
    void stateChangesReachTheMonitorsChannelsOrTheDefaultOnes(TestDatabase db) {
        try (HttpReceiver receiver = new HttpReceiver()) {
            // history is kept 1 ms, and housekeeping runs only when the test asks for it (the cron: 29 February)
            TestNode node = db.startNode(Map.of("holdfast.jobs.poll-interval", "200ms", "holdfast.jobs.retry-backoff", "300ms",
                    "holdfast.monitor.notifications.timeout", "3s", "holdfast.monitor.notifications.history-retention", "1ms",
                    "holdfast.jobs.housekeeping-cron", "0 0 3 29 2 *"));
            JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD));
            JsonNode slack = api.create(CHANNELS, """
                    {"name": "Ops Slack", "type": "slack", "settings": {"webhookUrl": "%s/services/T1/B1/s3cret"}}"""
                    .formatted(receiver.url()));
            JsonNode ntfy = api.create(CHANNELS, """
                    {"name": "On call", "type": "ntfy", "isDefault": true,
                     "settings": {"serverUrl": "%s", "topic": "alerts", "accessToken": "tk_s3cret"}}""".formatted(receiver.url()));
            assertThat(slack.get("settings").get("webhookUrl").asString()).as("secrets are masked").isEqualTo("********");
            assertThat(api.get(CHANNELS).body()).doesNotContain("s3cret");
            assertThat(api.put("/api/monitor/v1/monitors/m-1/channels/" + id(slack), null).statusCode()).isEqualTo(204);

            publish(node, down("m-1", "Shop API", false), true);
            publish(node, down("m-2", "Blog", false), true);
            List<Recorded> first = Stream.of(receiver.next(), receiver.next())
                    .sorted(Comparator.comparing(Recorded::path)).toList();
            assertThat(first.getFirst().path()).as("m-1 has its own channel").isEqualTo("/alerts");
            assertThat(first.getFirst().headers().get("title")).isEqualTo("Blog is DOWN");
            assertThat(first.getLast().path()).isEqualTo("/services/T1/B1/s3cret");
            assertThat(first.getLast().body()).contains("Shop API is DOWN").contains("HTTP 500");

            publish(node, new MonitorStateChanged("m-1", "Shop API", "https://shop.example", MonitorState.UP, MonitorState.DOWN,
                    "HTTP 200", Instant.now(), Duration.ofMinutes(5), false), true);
            assertThat(receiver.next().body()).contains("Shop API is UP").contains("after 5m 0s down");

            publish(node, down("m-3", "Rolled back", false), false);
            publish(node, down("m-2", "Blog", true), true);
            Recorded reminder = receiver.next();
            assertThat(reminder.headers().get("title")).as("nothing for a change that rolled back").isEqualTo("Blog is still DOWN");

            receiver.failNext(1);
            publish(node, down("m-1", "Shop API", false), true);
            assertThat(receiver.next().path()).isEqualTo("/services/T1/B1/s3cret");
            assertThat(receiver.next().body()).as("retried after the 503").contains("Shop API is DOWN");
            JsonNode attempts = sentLast(api, CHANNELS + "/" + id(slack) + "/deliveries");
            assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("SENT");
            assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("RETRYING");
            assertThat(attempts.get(1).get("status").asInt()).isEqualTo(503);
            assertThat(attempts.get(0).get("deliveryId")).isEqualTo(attempts.get(1).get("deliveryId"));

            HttpResponse<String> test = api.post(CHANNELS + "/" + id(ntfy) + "/test", null);
            assertThat(test.statusCode()).isEqualTo(200);
            assertThat(receiver.next().headers().get("title")).isEqualTo("Holdfast test notification");
            receiver.answer(500, "{\"error\":\"broken\"}");
            HttpResponse<String> failed = api.post(CHANNELS + "/" + id(ntfy) + "/test", null);
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(JsonClient.json(failed).get("providerStatus").asInt()).isEqualTo(500);
            assertThat(failed.body()).doesNotContain("tk_s3cret");
            receiver.answer(200, "{}");
            receiver.drain();

            JsonNode renamed = JsonClient.json(api.put(CHANNELS + "/" + id(slack), """
                    {"name": "Shop team", "settings": {"webhookUrl": "********"}}"""));
            assertThat(renamed.get("name").asString()).isEqualTo("Shop team");
            assertThat(api.post(CHANNELS + "/" + id(slack) + "/test", null).statusCode()).isEqualTo(200);
            assertThat(receiver.next().path()).as("the masked secret kept its value").isEqualTo("/services/T1/B1/s3cret");

            assertThat(api.delete(CHANNELS + "/" + id(slack)).statusCode()).isEqualTo(204);
            JsonNode m1 = JsonClient.json(api.get("/api/monitor/v1/monitors/m-1/channels"));
            assertThat(m1.get("subscribed").size()).isZero();
            assertThat(m1.get("notifying").get(0).get("name").asString()).isEqualTo("On call");

            node.bean(Jobs.class).runNow(node.context().getBean("monitorNotificationHistoryCleanup", RecurringJob.class));
            awaitNoAttempts(api, CHANNELS + "/" + id(ntfy) + "/deliveries");
        }
    }

    @DatabaseTest
    void badInputAndStrangersAreRefusedAndThePageBuildsFormsFromSettings(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);
        JsonNode pager = api.create(CHANNELS, """
                {"name": "Pager", "type": "pagerduty", "settings": {"routingKey": "R0UT1NGKEY000000000000000000000a"}}""");

        assertField(api.post(CHANNELS, """
                {"name": "Bot", "type": "telegram", "settings": {"chatId": "42"}}"""), "settings.botToken");
        assertField(api.post(CHANNELS, """
                {"name": "Hook", "type": "discord", "settings": {"webhookUrl": "discord.com/api/webhooks/1"}}"""), "settings.webhookUrl");
        assertField(api.post(CHANNELS, """
                {"name": "Hook", "type": "webhook", "settings": {"url": "https://h.example", "body": "{\\"a\\": {{nope}}}"}}"""),
                "settings.body");
        assertField(api.post(CHANNELS, """
                {"name": "Fax", "type": "fax", "settings": {}}"""), "type");
        assertField(api.post(CHANNELS, """
                {"name": " ", "type": "slack", "settings": {"webhookUrl": "https://hooks.slack.com/x"}}"""), "name");
        assertField(api.post(CHANNELS, """
                {"name": "Mail", "type": "email", "settings": {"to": "ops@example.org"}}"""), "settings.to");
        assertField(api.put("/api/monitor/v1/monitors/" + "x".repeat(101) + "/channels/abc", null), "monitorId");
        assertProblem(api.post(CHANNELS, """
                {"name": "Pager", "type": "pagerduty", "settings": {"routingKey": "R0UT1NGKEY000000000000000000000b"}}"""), 409);
        assertProblem(api.post(CHANNELS, "{\"name\": "), 400);
        assertProblem(api.get(CHANNELS + "/no-such-channel"), 404);
        assertProblem(api.put("/api/monitor/v1/monitors/m-1/channels/no-such-channel", null), 404);
        assertProblem(api.delete("/api/monitor/v1/monitors/m-1/channels/" + id(pager)), 404);
        assertProblem(api.withoutCsrf().post(CHANNELS, "{}"), 403);
        assertProblem(JsonClient.anonymous(node).get(CHANNELS), 401);
        assertThat(JsonClient.json(api.get("/api/monitor/v1/channel-types")).findValuesAsString("type"))
                .containsExactly("discord", "email", "gotify", "matrix", "teams", "ntfy", "pagerduty", "pushover", "slack",
                        "telegram", "webhook");

        JsonNode robot = api.create("/api/identity/v1/service-accounts", "{\"name\":\"alerting-as-code\"}");
        String administrator = id(JsonClient.json(api.get("/api/identity/v1/roles")).get(0));
        api.put("/api/identity/v1/roles/" + administrator + "/assignments/users/" + id(robot), null);
        String token = api.create("/api/identity/v1/service-accounts/" + id(robot) + "/tokens", "{\"name\":\"ci\"}")
                .get("token").asString();
        JsonClient bearer = JsonClient.bearer(node, token);
        assertThat(bearer.put("/api/monitor/v1/monitors/m-7/channels/" + id(pager), null).statusCode())
                .as("a service account with the admin permission, without session or CSRF").isEqualTo(204);
        assertThat(JsonClient.json(bearer.get("/api/monitor/v1/monitors/m-7/channels")).get("subscribed").get(0)
                .get("name").asString()).isEqualTo("Pager");

        // the admin page: a form generated from each type's settings, secrets masked
        HttpResponse<String> list = admin.get("/monitor/channels");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Pager").contains("PagerDuty").contains("Send test").doesNotContain("style=")
                .doesNotContainPattern("<script>[^<]");
        HttpResponse<String> form = admin.get("/monitor/channels/new?type=telegram");
        assertThat(form.body()).contains("name=\"settings.botToken\"").contains("type=\"password\"")
                .contains("name=\"settings.chatId\"");
        HttpResponse<String> missing = admin.post("/monitor/channels", Map.of("type", "telegram", "name", "Bot",
                "settings.chatId", "42"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Bot token is required").contains("value=\"42\"");
        HttpResponse<String> added = admin.post("/monitor/channels", Map.of("type", "gotify", "name", "Phones",
                "settings.serverUrl", "https://gotify.example", "settings.token", "As3cretGotify", "settings.priority", "9",
                "isDefault", "on"));
        assertThat(added.statusCode()).isEqualTo(302);
        JsonNode phones = JsonClient.json(JsonClient.session(node, admin).get(CHANNELS)).get(1);
        assertThat(phones.get("isDefault").asBoolean()).isTrue();
        assertThat(phones.get("settings").get("priority").asString()).isEqualTo("9");
        HttpResponse<String> edit = admin.get("/monitor/channels/" + id(phones));
        assertThat(edit.body()).contains("********").doesNotContain("As3cretGotify").contains("Recent deliveries");

        api.create("/api/identity/v1/users", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}");
        WebSession bob = node.session().signIn("bob", PASSWORD);
        assertThat(bob.get("/monitor/channels").statusCode()).as("channels are for administrators").isEqualTo(403);
        assertProblem(JsonClient.session(node, bob).get(CHANNELS), 403);
    }

    private static void publish(TestNode node, MonitorStateChanged event, boolean commit) {
        new TransactionTemplate(node.bean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            node.context().publishEvent(event);
            if (!commit) {
                status.setRollbackOnly();
            }
        });
    }

    /** Waits up to 10 s until the housekeeping job has removed the channel's delivery history. */
    private static void awaitNoAttempts(JsonClient api, String path) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (JsonClient.json(api.get(path)).size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the delivery history past its retention was not removed: " + api.get(path).body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The attempts, once the newest is recorded as SENT (recording follows the provider's answer). */
    private static JsonNode sentLast(JsonClient api, String path) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode attempts = JsonClient.json(api.get(path));
        while (!attempts.get(0).get("outcome").asString().equals("SENT") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            attempts = JsonClient.json(api.get(path));
        }
        return attempts;
    }

    private static MonitorStateChanged down(String id, String name, boolean reminder) {
        return new MonitorStateChanged(id, name, "https://" + id + ".example", MonitorState.DOWN, MonitorState.UP,
                "HTTP 500 Internal Server Error", Instant.now(), null, reminder);
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(JsonClient.json(response).get("errors").has(field)).as(response.body()).isTrue();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
    }

    private static String id(@Nullable JsonNode json) {
        return json.get("id").asString();
    }
}
