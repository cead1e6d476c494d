package dev.holdfast.platform.monitor.internal;

import static dev.holdfast.platform.monitor.internal.MonitorTables.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.Rollup;
import dev.holdfast.platform.monitor.Uptime;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HistoryAndApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @DatabaseTest
    void rollupsAndUptimeComeFromKnownResultsAndTheApiNamesBadFields(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.monitor.enabled", "false", "holdfast.monitor.min-interval", "1s"));
        WebSession admin = node.session().setUp("admin", "correct horse battery staple");
        admin.get("/monitor");
        JsonClient api = JsonClient.session(node, admin).under("/api/monitor/v1");

        HttpResponse<String> created = api.post("/monitors", """
                {"name":"Shop","type":"http","config":{"url":"https://shop.example/health","basicUser":"u","basicPassword":"s3cret"},
                 "interval":30,"retries":2}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode shop = JSON.readTree(created.body());
        assertThat(shop.get("config").get("basicPassword").asString()).as("secrets are masked").isEqualTo("********");
        assertThat(shop.get("timeout").asLong()).as("timeout defaults to 80 % of the interval").isEqualTo(24);
        String id = shop.get("id").asString();

        assertBadRequest(api.post("/monitors", "{\"name\":\"x\",\"type\":\"http\",\"config\":{\"url\":\"not a url\"}}"), "config.url");
        assertBadRequest(api.post("/monitors", "{\"name\":\"x\",\"type\":\"tcp\",\"config\":{\"host\":\"bad host!\",\"port\":80}}"), "config.host");
        assertBadRequest(api.post("/monitors", "{\"name\":\"x\",\"type\":\"tcp\",\"config\":{\"host\":\"db\",\"port\":5432},\"interval\":0}"), "interval");
        assertBadRequest(api.post("/monitors", "{\"name\":\"x\",\"type\":\"http\",\"config\":{\"url\":\"http://a\",\"jsonPath\":\"status\"}}"), "config.jsonPath");
        assertBadRequest(api.post("/monitors", "{\"name\":\"\",\"type\":\"carrier-pigeon\"}"), "name", "type");
        assertThat(api.post("/monitors", "{\"name\": ").statusCode()).isEqualTo(400);
        assertThat(api.get("/monitors/not-an-id").statusCode()).isEqualTo(404);
        assertThat(api.withoutCsrf().post("/monitors/" + id + "/pause", null).statusCode())
                .as("a change without the CSRF token is refused").isEqualTo(403);
        assertThat(JsonClient.anonymous(node).under("/api/monitor/v1").get("/monitors").statusCode()).isEqualTo(401);

        String body = """
                {"name":"Shop front","type":"http","config":{"url":"https://shop.example/health","basicUser":"u","basicPassword":"********"},"interval":60}""";
        assertThat(api.put("/monitors/" + id, body).statusCode()).isEqualTo(200);
        Monitors monitors = node.bean(Monitors.class);
        MonitorId monitorId = new MonitorId(id);
        assertThat(monitors.get(monitorId).config().string("basicPassword")).as("a masked secret sent back is kept").isEqualTo("s3cret");
        assertThat(api.post("/monitors/" + id + "/pause", null).statusCode()).isEqualTo(204);
        JsonNode page = JSON.readTree(api.get("/monitors?q=FRONT").body());
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("active").asBoolean()).isFalse();

        HttpResponse<String> dashboard = admin.get("/monitor?q=front");
        assertThat(dashboard.body()).contains("Shop front").contains("data-live-topic=\"monitor/" + id + "\"").contains("PAUSED");
        admin.get("/monitor/new");
        HttpResponse<String> invalid = admin.post("/monitor", Map.of("name", "Bad", "type", "http", "url", "ftp://x", "interval", "60"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("the URL must start with http:// or https://");
        HttpResponse<String> made = admin.post("/monitor", Map.of("name", "Shop DNS", "type", "dns", "name.dns", "shop.test",
                "recordType", "A", "interval", "60", "url", "ignored for DNS"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        HttpResponse<String> detail = admin.get(made.headers().firstValue("Location").orElseThrow());
        assertThat(detail.body()).contains("shop.test A").contains("id=\"response-chart\"").contains("No incidents.");

        // known raw results on 2026-03-10 (UTC): minute 10:00 two UPs, 10:01 an UP and a DOWN, 10:02 maintenance, 10:03 PENDING
        insert(db, id, "2026-03-10T10:00:05Z", "UP", 100);
        insert(db, id, "2026-03-10T10:00:35Z", "UP", 300);
        insert(db, id, "2026-03-10T10:01:05Z", "UP", 50);
        insert(db, id, "2026-03-10T10:01:35Z", "DOWN", 3000);
        insert(db, id, "2026-03-10T10:02:05Z", "MAINTENANCE", 0);
        insert(db, id, "2026-03-10T10:03:05Z", "PENDING", 3000);
        Rollups rollups = node.context().getBean(Rollups.class);
        Instant now = Instant.parse("2026-03-11T00:05:00Z");
        for (int run = 0; run < 6; run++) {
            rollups.rollUp(now);
        }
        Instant since = Instant.parse("2026-03-10T00:00:00Z");
        assertThat(monitors.rollups(monitorId, Monitors.Resolution.MINUTE, since)).containsExactly(
                new Rollup(Instant.parse("2026-03-10T10:00:00Z"), 2, 0, 200, 100, 300, 300),
                new Rollup(Instant.parse("2026-03-10T10:01:00Z"), 1, 1, 50, 50, 50, 50),
                new Rollup(Instant.parse("2026-03-10T10:03:00Z"), 0, 1, 0, 0, 0, 0));
        Rollup hour = new Rollup(Instant.parse("2026-03-10T10:00:00Z"), 3, 2, 150, 50, 300, 300);
        assertThat(monitors.rollups(monitorId, Monitors.Resolution.HOUR, since)).containsExactly(hour);
        assertThat(monitors.rollups(monitorId, Monitors.Resolution.DAY, since))
                .containsExactly(new Rollup(since, 3, 2, 150, 50, 300, 300));
        JooqMonitors store = node.context().getBean(JooqMonitors.class);
        assertThat(store.uptime(monitorId, now)).isEqualTo(new Uptime(0.6, 0.6, 0.6, 0.6));
        assertThat(store.uptime(monitorId, Instant.parse("2026-03-12T00:05:00Z")).day()).as("a day later the day has no checks").isNull();

        rollups.prune(Instant.parse("2026-03-13T00:00:00Z"));
        assertThat(monitors.results(monitorId, Instant.EPOCH)).as("raw results older than 24 h are gone").isEmpty();
        assertThat(monitors.rollups(monitorId, Monitors.Resolution.MINUTE, since)).as("minutes are kept 48 h").isEmpty();
        assertThat(monitors.rollups(monitorId, Monitors.Resolution.HOUR, since)).containsExactly(hour);
        JsonNode uptime = JSON.readTree(api.get("/monitors/" + id + "/history?resolution=hour&since=2026-03-10T00:00:00Z").body());
        assertThat(uptime.get(0).get("p95Millis").asLong()).isEqualTo(300);
        assertBadRequest(api.get("/monitors/" + id + "/history?since=yesterday"), "since");

        HttpResponse<String> push = api.post("/monitors", "{\"name\":\"Backup job\",\"type\":\"push\",\"interval\":60}");
        String pushUrl = JSON.readTree(push.body()).get("pushUrl").asString();
        HttpResponse<String> called = CLIENT.send(HttpRequest.newBuilder(node.uri(pushUrl)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(called.statusCode()).as("the push URL is public and needs no CSRF token").isEqualTo(200);
        assertThat(CLIENT.send(HttpRequest.newBuilder(node.uri("/api/push/unknown")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
        assertBadRequest(api.post("/maintenance", "{\"title\":\"Patch night\",\"days\":[\"FUNDAY\"],\"at\":\"25:00\",\"lengthMinutes\":60}"),
                "days", "at");
        assertBadRequest(api.post("/maintenance", "{\"title\":\"Move\",\"start\":\"2026-03-10T10:00:00Z\",\"end\":\"2026-03-10T09:00:00Z\"}"), "end");
        HttpResponse<String> weekly = api.post("/maintenance", "{\"monitor\":\"" + id
                + "\",\"title\":\"Patch night\",\"days\":[\"TUESDAY\"],\"at\":\"10:00\",\"lengthMinutes\":30,\"zone\":\"UTC\"}");
        assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(201);
        assertThat(monitors.maintenance()).singleElement().satisfies(window -> {
            assertThat(window.covers(Instant.parse("2026-03-10T10:15:00Z"))).as("2026-03-10 is a Tuesday").isTrue();
            assertThat(window.covers(Instant.parse("2026-03-10T10:45:00Z"))).isFalse();
            assertThat(window.covers(Instant.parse("2026-03-11T10:15:00Z"))).isFalse();
        });
        String windowId = monitors.maintenance().getFirst().id();
        String other = monitors.list("holdfast database", 0, 1).getFirst().monitor().id().value();
        HttpResponse<String> both = api.put("/maintenance/" + windowId, "{\"monitors\":[\"" + id + "\",\"" + other
                + "\"],\"title\":\"Patch night\",\"days\":[\"TUESDAY\"],\"at\":\"10:00\",\"lengthMinutes\":30}");
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(JSON.readTree(both.body()).get("monitors").toString()).as("replaced in place, now for two monitors")
                .isEqualTo("[\"" + id + "\",\"" + other + "\"]");
        assertThat(JSON.readTree(both.body()).get("id").asString()).isEqualTo(windowId);
        assertThat(JSON.readTree(api.get("/maintenance").body()).get(0).get("monitors").size()).isEqualTo(2);
        assertBadRequest(api.put("/maintenance/" + windowId, "{\"monitors\":[\"" + id + "\",\"0d5c4a1e-0000-0000-0000-000000000000\","
                + "\"nope!\"],\"title\":\"Patch night\",\"days\":[\"TUESDAY\"],\"at\":\"10:00\",\"lengthMinutes\":30}"), "monitors[2]");
        assertBadRequest(api.put("/maintenance/" + windowId, "{\"monitors\":[\"" + id + "\",\"0d5c4a1e-0000-0000-0000-000000000000\"],"
                + "\"title\":\"Patch night\",\"days\":[\"TUESDAY\"],\"at\":\"10:00\",\"lengthMinutes\":30}"), "monitors[1]");
        assertThat(api.put("/maintenance/0d5c4a1e-0000-0000-0000-000000000000", "{\"title\":\"x\",\"days\":[\"TUESDAY\"],"
                + "\"at\":\"10:00\",\"lengthMinutes\":30}").statusCode()).isEqualTo(404);
        assertThat(monitors.count("holdfast")).as("the first start watches Holdfast's web endpoint, database and identity provider").isEqualTo(3);
        assertThat(api.delete("/monitors/" + id).statusCode()).isEqualTo(204);
        assertThat(monitors.find(monitorId)).isEmpty();
    }

    private static void insert(TestDatabase db, String monitor, String at, String status, int millis) {
        db.dsl().insertInto(RESULT).set(R_MONITOR, monitor).set(R_AT, Instant.parse(at).toEpochMilli()).set(R_STATUS, status)
                .set(R_RESPONSE, millis).set(R_MESSAGE, "known").execute();
    }

    private static void assertBadRequest(HttpResponse<String> response, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").propertyNames()).containsExactlyInAnyOrder(fields);
    }
}
