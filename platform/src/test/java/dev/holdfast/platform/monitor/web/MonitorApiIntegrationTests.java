package dev.holdfast.platform.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring API as scripts use it: scoped API keys, tags with filter and search, the push URL's status, and a
 * YAML import far larger than a request body elsewhere.
 */
class MonitorApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, String> FAST = Map.of("holdfast.monitor.min-interval", "1s", "holdfast.monitor.flush-interval", "100ms",
            "holdfast.monitor.sync-interval", "500ms", "holdfast.monitor.self-monitoring", "false");

    @DatabaseTest
    void scopedKeysTagsPushStatusAndALargeImportWorkAsAScriptSeesThem(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(FAST)) {
            WebSession session = node.session().setUp("admin", "correct horse battery staple");
            session.get("/monitor");
            Api admin = new Api(node, session.cookieHeader(), session.csrfToken(), null);

            tagsFilterSearchAndValidate(admin);
            scopedKeys(db, node, admin, session);
            pushStatus(node, admin);
            channelSecretsAtRest(db, node, admin);
            largeImport(node, admin);
        }
    }

    private static void tagsFilterSearchAndValidate(Api admin) throws Exception {
        HttpResponse<String> shop = admin.send("POST", "/monitors", """
                {"name":"Shop","type":"tcp","config":{"host":"127.0.0.1","port":9},
                 "tags":[{"name":"env","value":"prod","color":"#dc2626"},{"name":"team-web"}]}""");
        assertThat(shop.statusCode()).as(shop.body()).isEqualTo(201);
        assertThat(JSON.readTree(shop.body()).get("tags").toString()).contains("\"name\":\"env\"", "\"value\":\"prod\"", "#dc2626", "team-web");
        assertThat(admin.send("POST", "/monitors", """
                {"name":"Shop staging","type":"tcp","config":{"host":"127.0.0.1","port":9},"tags":[{"name":"env","value":"staging"}]}""")
                .statusCode()).isEqualTo(201);
        assertThat(admin.send("POST", "/monitors", "{\"name\":\"Mail\",\"type\":\"tcp\",\"config\":{\"host\":\"127.0.0.1\",\"port\":25}}")
                .statusCode()).isEqualTo(201);

        assertThat(names(admin.send("GET", "/monitors?tag=env", null))).containsExactly("Shop", "Shop staging");
        assertThat(names(admin.send("GET", "/monitors?tag=ENV:prod", null))).as("the name ignores case").containsExactly("Shop");
        assertThat(names(admin.send("GET", "/monitors?q=staging", null))).containsExactly("Shop staging");
        assertThat(names(admin.send("GET", "/monitors?q=team-w", null))).as("search finds tag names").containsExactly("Shop");
        JsonNode page = JSON.readTree(admin.send("GET", "/monitors?tag=env&limit=1&offset=1", null).body());
        assertThat(page.get("total").asInt()).as("server-side paging counts every match").isEqualTo(2);
        assertThat(page.get("items").get(0).get("name").asString()).isEqualTo("Shop staging");

        String id = JSON.readTree(shop.body()).get("id").asString();
        assertBadRequest(admin.send("PUT", "/monitors/" + id + "/tags", "[{\"name\":\"ok\"},{\"name\":\"a:b\",\"color\":\"red\"}]"),
                "tags[1].name", "tags[1].color");
        HttpResponse<String> retagged = admin.send("PUT", "/monitors/" + id + "/tags", "[{\"name\":\"env\",\"value\":\"prod\"}]");
        assertThat(retagged.statusCode()).as(retagged.body()).isEqualTo(200);
        assertThat(names(admin.send("GET", "/monitors?tag=team-web", null))).isEmpty();
        JsonNode tags = JSON.readTree(admin.send("GET", "/tags", null).body());
        assertThat(tags.toString()).as("a tag keeps its colour when set again without one").contains("#dc2626");
        assertBadRequest(admin.send("PUT", "/tags", "{\"name\":\"\",\"color\":\"#12345\"}"), "name", "color");
        assertBadRequest(admin.send("POST", "/monitors", "{\"name\":\"x\",\"type\":\"tcp\",\"interval\":\"soon\"}"), "interval");
        assertBadRequest(admin.send("POST", "/monitors", "{\"name\":\"x\",\"type\":\"tcp\",\"tags\":[{\"name\":{\"a\":1}}]}"), "tags[0].name");
        assertBadRequest(admin.send("POST", "/monitors", "{\"name\": "), "(body)");
    }

    private static void scopedKeys(TestDatabase db, TestNode node, Api admin, WebSession session) throws Exception {
        HttpResponse<String> created = admin.send("POST", "/api-keys", "{\"name\":\"CI reader\",\"scopes\":[\"monitors:read\",\"config:read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = JSON.readTree(created.body()).get("key").asString();
        String keyId = JSON.readTree(created.body()).get("id").asString();
        assertThat(secret).startsWith("hfm_");
        assertBadRequest(admin.send("POST", "/api-keys", "{\"name\":\"x\",\"scopes\":[\"monitors:delete\"]}"), "scopes");

        Api reader = new Api(node, null, null, secret);
        assertThat(reader.send("GET", "/monitors", null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = reader.send("POST", "/monitors", "{\"name\":\"Sneaky\",\"type\":\"tcp\",\"config\":{\"host\":\"a\",\"port\":1}}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(write.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JSON.readTree(write.body()).get("detail").asString()).contains("monitors:write");
        assertThat(reader.send("GET", "/channels", null).statusCode()).as("no channels scope").isEqualTo(403);
        assertThat(reader.send("GET", "/export", null).statusCode()).as("config:read exports").isEqualTo(200);
        assertThat(reader.send("POST", "/import", "monitors: []").statusCode()).as("config:read does not import").isEqualTo(403);
        assertThat(reader.send("GET", "/api-keys", null).statusCode()).as("a key cannot manage keys").isEqualTo(403);
        assertThat(new Api(node, null, null, "hfm_not-a-key").send("GET", "/monitors", null).statusCode()).isEqualTo(401);

        HttpResponse<String> writerKey = admin.send("POST", "/api-keys", "{\"name\":\"Provisioner\",\"scopes\":[\"monitors:write\",\"channels:write\"]}");
        Api writer = new Api(node, null, null, JSON.readTree(writerKey.body()).get("key").asString());
        HttpResponse<String> made = writer.send("POST", "/monitors", "{\"name\":\"By key\",\"type\":\"tcp\",\"config\":{\"host\":\"127.0.0.1\",\"port\":9}}");
        assertThat(made.statusCode()).as("a key needs no session and no CSRF token: " + made.body()).isEqualTo(201);
        assertThat(made.headers().firstValue("Set-Cookie")).as("a key request is stateless").isEmpty();
        assertThat(writer.send("GET", "/channels", null).statusCode()).as("write includes read").isEqualTo(200);
        assertThat(writer.send("GET", "/status-pages", null).statusCode()).isEqualTo(403);

        JsonNode listed = JSON.readTree(admin.send("GET", "/api-keys", null).body());
        JsonNode ci = null;
        for (JsonNode key : listed) {
            assertThat(key.has("key")).as("a listed key never shows its secret").isFalse();
            if (key.get("id").asString().equals(keyId)) {
                ci = key;
            }
        }
        assertThat(ci).isNotNull();
        assertThat(ci.get("lastUsedAt").isNull()).as("the last use is noted").isFalse();
        assertThat(ci.get("scopes").toString()).contains("monitors:read", "config:read");
        List<String> hashes = db.dsl().select(field(name("key_hash"), String.class)).from(table(name("monitor_api_key"))).fetch(0, String.class);
        assertThat(hashes).hasSize(2).noneMatch(hash -> hash.contains(secret.substring(4)));

        assertThat(admin.send("DELETE", "/api-keys/" + keyId, null).statusCode()).isEqualTo(204);
        assertThat(reader.send("GET", "/monitors", null).statusCode()).as("a revoked key stops working at once").isEqualTo(401);
        AuditLog audit = node.bean(AuditLog.class);
        assertThat(audit.search(new AuditLog.Filter("monitor.api_key.created", null, null, null, null), 10)).hasSize(2)
                .allSatisfy(event -> assertThat(event.actor()).isEqualTo("admin"));
        assertThat(audit.search(new AuditLog.Filter("monitor.api_key.revoked", null, null, null, null), 10)).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));

        // the admin page: the key is shown once, on the answer to the form
        HttpResponse<String> pageView = session.get("/monitor/api-keys");
        assertThat(pageView.body()).contains("CI reader", "revoked", "Provisioner", "monitors:write");
        HttpResponse<String> answer = session.post("/monitor/api-keys", Map.of("name", "From the page", "scope", "status-pages:read"));
        assertThat(answer.statusCode()).isEqualTo(200);
        String shown = answer.body().replaceAll("(?s).*value=\"(hfm_[A-Za-z0-9_-]+)\".*", "$1");
        assertThat(shown).startsWith("hfm_");
        assertThat(new Api(node, null, null, shown).send("GET", "/status-pages", null).statusCode()).isEqualTo(200);
        assertThat(session.get("/monitor/api-keys").body()).as("shown once only").doesNotContain(shown);
        HttpResponse<String> noScope = session.post("/monitor/api-keys", Map.of("name", "Nothing"));
        assertThat(noScope.body()).contains("at least one of");
    }

    private static void pushStatus(TestNode node, Api admin) throws Exception {
        HttpResponse<String> created = admin.send("POST", "/monitors", "{\"name\":\"Nightly job\",\"type\":\"push\",\"interval\":3600}");
        JsonNode push = JSON.readTree(created.body());
        String url = push.get("pushUrl").asString();
        MonitorId id = new MonitorId(push.get("id").asString());
        Monitors monitors = node.bean(Monitors.class);

        assertThat(call(node, url + "?status=up&msg=" + URLEncoder.encode("backup ok", StandardCharsets.UTF_8) + "&ping=42").statusCode()).isEqualTo(200);
        await(() -> monitors.status(id).state() == MonitorState.UP, "the push monitor to be up");
        assertThat(monitors.status(id).responseMillis()).as("ping is the response time").isEqualTo(42L);
        assertThat(monitors.status(id).message()).isEqualTo("backup ok");

        HttpResponse<String> down = call(node, url + "?status=down&msg=" + URLEncoder.encode("disk full", StandardCharsets.UTF_8));
        assertThat(down.statusCode()).isEqualTo(200);
        await(() -> monitors.status(id).state() == MonitorState.DOWN, "a pushed down to make the monitor down now, not after an hour of silence");
        assertThat(monitors.status(id).message()).isEqualTo("pushed down: disk full");
        assertThat(monitors.incidents(id, 5)).singleElement().satisfies(incident -> assertThat(incident.cause()).contains("disk full"));

        HttpResponse<String> bad = call(node, url + "?status=maybe&ping=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("errors").has("status")).isTrue();
        assertThat(call(node, url + "?ping=-5").statusCode()).isEqualTo(400);
        assertThat(monitors.status(id).state()).as("a refused call changes nothing").isEqualTo(MonitorState.DOWN);
    }

    private static void channelSecretsAtRest(TestDatabase db, TestNode node, Api admin) throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/T1/s3cret-hook-path";
            HttpResponse<String> created = admin.send("POST", "/channels", """
                    {"name": "Ops hook", "type": "webhook", "settings": {"url": "%s", "headers": "Authorization: Bearer tok-9f8e7d"}}"""
                    .formatted(hook));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asString();
            assertThat(JSON.readTree(created.body()).get("settings").get("url").asString()).as("still masked").isEqualTo("********");
            String raw = settingsColumn(db, id);
            assertThat(raw).as("no plain secret in the database").doesNotContain("s3cret-hook-path").doesNotContain("tok-9f8e7d")
                    .contains(dev.holdfast.platform.shared.crypto.SecretBox.PREFIX).contains("\"method\":\"POST\"");
            HttpResponse<String> test = admin.send("POST", "/channels/" + id + "/test", null);
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            assertThat(received).as("the sealed URL opens for sending").contains("/hooks/T1/s3cret-hook-path");

            // a channel stored in plain text before encryption existed is sealed at the next start (DatabaseReady)
            String plainId = java.util.UUID.randomUUID().toString();
            db.dsl().insertInto(table(name("monitor_notification_channel"))).set(field(name("id")), plainId).set(field(name("name")), "Old hook")
                    .set(field(name("type")), "webhook").set(field(name("settings")), "{\"url\":\"" + hook + "-old\",\"method\":\"POST\"}")
                    .set(field(name("is_default")), false).set(field(name("created_at")), 1L).set(field(name("updated_at")), 1L).execute();
            assertThat(admin.send("POST", "/channels/" + plainId + "/test", null).statusCode()).as("a plain value still works").isEqualTo(200);
            try (TestNode next = db.startNode(Map.of("holdfast.monitor.enabled", "false", "holdfast.monitor.self-monitoring", "false"))) {
                assertThat(next.port()).isPositive();
            }
            assertThat(settingsColumn(db, plainId)).doesNotContain("s3cret-hook-path").startsWith("{\"url\":\"hfenc:v1:");
            assertThat(admin.send("POST", "/channels/" + plainId + "/test", null).statusCode()).isEqualTo(200);
            assertThat(received).contains("/hooks/T1/s3cret-hook-path-old");
            assertThat(admin.send("DELETE", "/channels/" + plainId, null).statusCode()).isEqualTo(204);
            assertThat(admin.send("DELETE", "/channels/" + id, null).statusCode()).isEqualTo(204);
        } finally {
            receiver.stop(0);
        }
    }

    private static String settingsColumn(TestDatabase db, String channelId) {
        return db.dsl().select(field(name("settings"), String.class)).from(table(name("monitor_notification_channel")))
                .where(field(name("id"), String.class).eq(channelId)).fetchOne(0, String.class);
    }

    private static void largeImport(TestNode node, Api admin) throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\ntags:\n- name: fleet\n  color: \"#16a34a\"\nmonitors:\n");
        for (int i = 0; i < 2000; i++) {
            yaml.append("- name: \"Host ").append(i).append("\"\n  type: tcp\n  config:\n    host: \"host-").append(i)
                    .append(".example.test\"\n    port: 22\n  interval: 300\n  active: false\n  tags:\n  - \"fleet\"\n  - \"rack:r")
                    .append(i % 40).append("\"\n");
        }
        assertThat(yaml.length()).as("far over the 64 KiB of other requests").isGreaterThan(256 * 1024);
        HttpResponse<String> imported = admin.send("POST", "/import", yaml.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(JSON.readTree(imported.body()).get("created").size()).isEqualTo(2000);
        assertThat(names(admin.send("GET", "/monitors?tag=rack:r7&limit=500", null))).hasSize(50).contains("Host 7", "Host 1967");

        HttpResponse<String> exported = admin.send("GET", "/export", null);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.body()).contains("name: \"Host 1999\"", "\"rack:r39\"", "#16a34a");
        HttpResponse<String> again = admin.send("POST", "/import", exported.body());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(again.body());
        assertThat(outcome.get("created").size() + outcome.get("updated").size()).as("the export imports back unchanged: " + outcome).isZero();
        assertThat(outcome.get("unchanged").asInt()).isGreaterThanOrEqualTo(2000);
        assertThat(admin.send("GET", "/export", null).body()).isEqualTo(exported.body());

        String refused = admin.announce("/import", 10L * 1024 * 1024 + 1);
        assertThat(refused).as("over 10 MiB by Content-Length: refused before the body is read").contains("HTTP/1.1 413").contains("10 MiB");
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (byte) (i % 80 == 79 ? '\n' : '#'); // comment lines: snakeyaml is slow on one 10 MiB line
        }
        HttpResponse<String> tooLarge = admin.bytes("/import", huge, true);
        assertThat(tooLarge.statusCode()).as("over 10 MiB while streaming a chunked body").isEqualTo(413);
        assertThat(tooLarge.body()).contains("10 MiB");
        byte[] oneLine = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(oneLine, (byte) '#');
        HttpResponse<String> longLine = admin.bytes("/import", oneLine, true);
        assertThat(longLine.statusCode()).as("one 10 MiB comment line without a newline kept the parser busy for minutes; "
                + "now it is refused once its first 128 KiB are read").isEqualTo(400);
        assertThat(longLine.body()).contains("line 1 is longer than 128 KiB");
        assertThat(admin.announce("/monitors", 65 * 1024)).as("other requests stay capped at 64 KiB").contains("HTTP/1.1 413");
        assertThat(node.bean(Monitors.class).count(null, "fleet")).isEqualTo(2000);
    }

    // --- helpers

    private static List<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(response.body()).get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static HttpResponse<String> call(TestNode node, String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(node.uri(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertBadRequest(HttpResponse<String> response, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").propertyNames()).containsExactlyInAnyOrder(fields);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The monitoring API with a session (cookie and CSRF token) or an API key. */
    private record Api(TestNode node, @Nullable String cookie, @Nullable String csrf, @Nullable String key) {

        HttpResponse<String> send(String method, String path, @Nullable String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri("/api/monitor/v1" + path).toString()))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "application/yaml");
            }
            return CLIENT.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> bytes(String path, byte[] body, boolean chunked) throws Exception {
            HttpRequest.BodyPublisher publisher = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.uri("/api/monitor/v1" + path).toString()))
                    .header("Content-Type", "application/yaml").POST(publisher);
            return CLIENT.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Sends only the head of a POST announcing a body of this length (with {@code Expect: 100-continue}, so the
         * server may refuse without waiting for it) and reads everything the server answers.
         */
        String announce(String path, long length) throws Exception {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.port())) {
                socket.setSoTimeout(60_000);
                String head = "POST /api/monitor/v1" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\nContent-Length: "
                        + length + "\r\n" + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + (csrf == null ? "" : "X-CSRF-TOKEN: " + csrf + "\r\n")
                        + "Expect: 100-continue\r\nConnection: close\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private HttpRequest.Builder authorized(HttpRequest.Builder request) {
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            if (csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            return request;
        }
    }
}
