package dev.holdfast.platform.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatusPagesIntegrationTests {

    static final Map<String, String> FAST = Map.of("holdfast.monitor.min-interval", "1s", "holdfast.monitor.flush-interval", "100ms",
            "holdfast.monitor.sync-interval", "500ms", "holdfast.monitor.self-monitoring", "false");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient ANONYMOUS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DatabaseTest
    void aStatusPageShowsStatesBarsIncidentsAndMaintenanceWithoutLoginByHostAndCachedAndTheSetupMovesAsYaml(TestDatabase db) throws Exception {
        TestNode node = db.startNode(FAST);
        Monitors monitors = node.bean(Monitors.class);
        Monitor api = monitors.create(new MonitorDraft("API", "push", Map.of(), 60L, 1L, 0, 60L, 0L, false, null));
        Monitor web = monitors.create(new MonitorDraft("Web", "push", Map.of(), 60L, 1L, 0, 60L, 0L, false, null));
        Monitor worker = monitors.create(new MonitorDraft("Worker", "tcp", Map.of("host", "127.0.0.1", "port", 9), 1L, 1L, 0, 1L, 0L, false, null));
        Monitor hidden = monitors.create(new MonitorDraft("Hidden", "push", Map.of(), 60L, 1L, 0, 60L, 0L, false, null));
        monitors.push(api.pushToken());
        monitors.push(web.pushToken());
        monitors.push(hidden.pushToken());
        await(() -> monitors.status(api.id()).state() == MonitorState.UP && monitors.status(web.id()).state() == MonitorState.UP
                && monitors.status(worker.id()).state() == MonitorState.DOWN, "API and Web UP, Worker DOWN");

        WebSession session = new WebSession(node).setUp("admin", "correct horse battery staple");
        Api admin = new Api(node, session);
        HttpResponse<String> invalid = admin.send("POST", "/api/monitor/v1/status-pages", """
                {"slug": "Bad Slug!", "title": "x", "domain": "https://status.example.test/", "logoUrl": "javascript:alert(1)",
                 "groups": [{"name": "Main", "monitors": ["%s", "not-a-monitor"]}]}""".formatted(api.id()));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("errors").propertyNames())
                .containsExactlyInAnyOrder("slug", "domain", "logoUrl", "groups[0].monitors[1]");

        HttpResponse<String> created = admin.send("POST", "/api/monitor/v1/status-pages", """
                {"slug": "acme", "title": "Acme status", "description": "Everything Acme runs", "domain": "Status.Example.test",
                 "logoUrl": "https://cdn.example.test/logo.svg",
                 "groups": [{"name": "Services", "monitors": ["%s", "%s"]}, {"name": "Background", "monitors": ["%s"]}]}"""
                .formatted(api.id(), worker.id(), web.id()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode page = JSON.readTree(created.body());
        assertThat(page.get("domain").asString()).isEqualTo("status.example.test");
        String pageId = page.get("id").asString();

        // day rollups for API: yesterday all up, two days ago half down, three days ago all down
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        rollup(db, api, today.minusDays(1), 1440, 0);
        rollup(db, api, today.minusDays(2), 720, 720);
        rollup(db, api, today.minusDays(3), 0, 1440);

        HttpResponse<String> incident = admin.send("POST", "/api/monitor/v1/status-pages/" + pageId + "/incidents",
                "{\"title\": \"Slow checkout\", \"state\": \"investigating\", \"body\": \"We are looking into slow payments.\"}");
        assertThat(incident.statusCode()).isEqualTo(201);
        String incidentId = JSON.readTree(incident.body()).get("id").asString();
        assertThat(admin.send("POST", "/api/monitor/v1/status-pages/" + pageId + "/incidents/" + incidentId + "/updates",
                "{\"state\": \"identified\", \"body\": \"A missing index on orders.\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> badUpdate = admin.send("POST", "/api/monitor/v1/status-pages/" + pageId + "/incidents/" + incidentId + "/updates",
                "{\"state\": \"fixed\", \"body\": \"\"}");
        assertThat(badUpdate.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badUpdate.body()).get("errors").propertyNames()).containsExactlyInAnyOrder("state", "body");
        Instant upgradeStart = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        monitors.addMaintenance(new MaintenanceWindow("", web.id(), "Database upgrade", upgradeStart, upgradeStart.plus(Duration.ofHours(1)),
                Set.of(), null, null, ZoneOffset.UTC));
        monitors.addMaintenance(new MaintenanceWindow("", hidden.id(), "Secret work", upgradeStart, upgradeStart.plus(Duration.ofHours(1)),
                Set.of(), null, null, ZoneOffset.UTC));

        HttpResponse<String> shown = get("/status/acme", node, Map.of());
        assertThat(shown.statusCode()).as("served without sign-in").isEqualTo(200);
        String html = shown.body();
        assertThat(html).contains("<h1>Acme status</h1>", "Everything Acme runs", "<h2>Services</h2>", "<h2>Background</h2>",
                "src=\"https://cdn.example.test/logo.svg\"");
        assertThat(html).as("one of three monitors down").contains("banner-partial", "Partial outage");
        assertThat(html).contains("<strong>API</strong>", "<strong>Worker</strong>", "<strong>Web</strong>").doesNotContain("Hidden");
        assertThat(count(html, "class=\"day day-")).isEqualTo(3 * 90);
        assertThat(html).contains("<title>" + today.minusDays(1) + ": 100 % up</title>")
                .contains("class=\"day day-partial\"><title>" + today.minusDays(2) + ": 50.00 % up</title>")
                .contains("class=\"day day-down\"><title>" + today.minusDays(3) + ": 0.00 % up</title>")
                .contains("<title>" + today.minusDays(4) + ": no data</title>")
                .contains("50.00 % uptime");
        assertThat(html).contains("Slow checkout", "A missing index on orders.", "We are looking into slow payments.", "Identified");
        assertThat(html).contains("Database upgrade").doesNotContain("Secret work");
        assertThat(html).doesNotContain("style=");
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
        assertThat(shown.headers().firstValue("Content-Security-Policy")).get().asString().contains("img-src 'self' data: https://cdn.example.test");
        String etag = shown.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/status/acme", node, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(get("/status/nope", node, Map.of()).statusCode()).isEqualTo(404);

        String byHost = raw(node, "/", "status.example.test:" + node.port());
        assertThat(byHost).startsWith("HTTP/1.1 200").contains("<h1>Acme status</h1>");
        assertThat(raw(node, "/", "localhost:" + node.port())).as("another host still needs sign-in").startsWith("HTTP/1.1 302");

        // the admin pages: a page made through the form, an incident posted there; then deleted again
        assertThat(session.get("/monitor/status-pages").body()).contains("Acme status", "/status/acme", "status.example.test");
        session.get("/monitor/status-pages/new");
        HttpResponse<String> formError = session.post("/monitor/status-pages", Map.of("slug", "ops", "title", "Ops", "groups", "Core: API, Nope"));
        assertThat(formError.statusCode()).isEqualTo(200);
        assertThat(formError.body()).contains("no monitor named Nope").doesNotContain("style=");
        HttpResponse<String> madeByForm = session.post("/monitor/status-pages", Map.of("slug", "ops", "title", "Ops", "groups", "Core: API, Web"));
        assertThat(madeByForm.statusCode()).as(madeByForm.body()).isEqualTo(302);
        String opsAdmin = madeByForm.headers().firstValue("Location").orElseThrow();
        assertThat(session.get(opsAdmin).body()).contains("Core: API, Web", "Post an incident");
        assertThat(session.post(opsAdmin + "/incidents", Map.of("title", "Queue delays", "state", "monitoring", "body", "Backlog draining."))
                .statusCode()).isEqualTo(302);
        assertThat(get("/status/ops", node, Map.of()).body()).contains("Queue delays", "Backlog draining.", "Monitoring",
                "<strong>API</strong>", "<strong>Web</strong>");
        String opsId = opsAdmin.substring(opsAdmin.lastIndexOf('/') + 1);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        assertThat(admin.bytes("/api/monitor/v1/status-pages/" + opsId + "/logo", "text/html", png).statusCode()).isEqualTo(400);
        assertThat(admin.bytes("/api/monitor/v1/status-pages/" + opsId + "/logo", "image/png", png).statusCode()).isEqualTo(200);
        assertThat(get("/status/ops", node, Map.of()).body()).contains("src=\"/status/ops/logo?v=");
        HttpResponse<byte[]> logo = ANONYMOUS.send(HttpRequest.newBuilder(node.uri("/status/ops/logo")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.body()).isEqualTo(png);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
        session.get(opsAdmin);
        assertThat(session.post(opsAdmin + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(get("/status/ops/logo", node, Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/status/ops", node, Map.of()).statusCode()).isEqualTo(404);

        // the worker recovers: the banner follows and the ETag changes
        monitors.pause(worker.id());
        admin.send("PUT", "/api/monitor/v1/status-pages/" + pageId, """
                {"slug": "acme", "title": "Acme status", "description": "Everything Acme runs", "domain": "status.example.test",
                 "logoUrl": "https://cdn.example.test/logo.svg",
                 "groups": [{"name": "Services", "monitors": ["%s"]}, {"name": "Background", "monitors": ["%s"]}]}"""
                .formatted(api.id(), web.id()));
        HttpResponse<String> after = get("/status/acme", node, Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("All systems operational").doesNotContain("<strong>Worker</strong>");

        // badges: public for monitors on a page, 404 for others
        HttpResponse<String> status = get("/api/badge/" + api.id() + "/status.svg", node, Map.of());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).get().asString().startsWith("image/svg+xml");
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
        assertThat(status.body()).startsWith("<svg").contains("status: up");
        HttpResponse<String> uptime = get("/api/badge/" + api.id() + "/uptime.svg?window=30d", node, Map.of());
        assertThat(uptime.statusCode()).isEqualTo(200);
        assertThat(uptime.body()).contains("uptime 30d");
        assertThat(get("/api/badge/" + api.id() + "/uptime.svg?window=2w", node, Map.of()).statusCode()).isEqualTo(400);
        assertThat(get("/api/badge/" + api.id() + "/response.svg", node, Map.of()).body()).containsPattern("response: \\d+ ms");
        assertThat(get("/api/badge/" + hidden.id() + "/status.svg", node, Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/api/badge/" + worker.id() + "/status.svg", node, Map.of()).statusCode()).as("removed from the page").isEqualTo(404);

        // Prometheus: a gauge per monitor, gone when the monitor is
        String metrics = get("/actuator/prometheus", node, Map.of()).body();
        String labels = "\\{[^}]*id=\"" + api.id() + "\",monitor=\"API\",type=\"push\"} ";
        assertThat(metrics).containsPattern("holdfast_monitor_up" + labels + "1\\.0")
                .containsPattern("holdfast_monitor_response_seconds" + labels + "[0-9.]+")
                .containsPattern("holdfast_monitor_cert_days_left" + labels + "NaN")
                .containsPattern("holdfast_monitor_up\\{[^}]*monitor=\"Worker\",type=\"tcp\"} NaN");
        monitors.delete(hidden.id());
        assertThat(get("/actuator/prometheus", node, Map.of()).body()).doesNotContain("monitor=\"Hidden\"").contains("monitor=\"Web\"");

        movesTheSetupAsYaml(db, node, admin);
    }

    /** Export → import into a fresh node reproduces the setup; a bad file changes nothing and names each bad entry. */
    private static void movesTheSetupAsYaml(TestDatabase db, TestNode node, Api admin) throws Exception {
        Monitors monitors = node.bean(Monitors.class);
        Monitor edge = monitors.create(new MonitorDraft("Edge", "group", Map.of(), 60L, 10L, 0, 60L, 0L, false, null));
        Monitor gateway = monitors.create(new MonitorDraft("Gateway", "tcp", Map.of("host", "127.0.0.1", "port", 9), 120L, 5L, 2, 30L, 600L,
                true, edge.id().value()));
        Monitor site = monitors.create(new MonitorDraft("Site", "http", Map.of("url", "http://127.0.0.1:9/health", "password", "s3cret",
                "username", "probe"), 300L, 10L, 1, 60L, 0L, false, null));
        monitors.pause(site.id());
        monitors.addMaintenance(new MaintenanceWindow("", gateway.id(), "Nightly restart", null, null, Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                LocalTime.of(2, 30), Duration.ofMinutes(45), ZoneId.of("Europe/Berlin")));
        assertThat(admin.send("POST", "/api/monitor/v1/status-pages", """
                {"slug": "public", "title": "Public", "groups": [{"name": "Edge", "monitors": ["%s", "%s"]}]}"""
                .formatted(gateway.id(), site.id())).statusCode()).isEqualTo(201);

        HttpResponse<String> exported = admin.send("GET", "/api/monitor/v1/export", null);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).get().asString().startsWith("application/yaml");
        String yaml = exported.body();
        assertThat(yaml).contains("name: \"Gateway\"", "parent: \"Edge\"", "password: \"s3cret\"", "slug: \"public\"", "Nightly restart");

        String freshUrl = freshDatabase(db);
        try (TestNode fresh = db.startNode(merged(FAST, Map.of("holdfast.database.url", freshUrl)))) {
            Api freshAdmin = new Api(fresh, new WebSession(fresh).setUp("admin", "correct horse battery staple"));
            HttpResponse<String> dry = freshAdmin.send("POST", "/api/monitor/v1/import?dryRun=true", yaml);
            assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
            assertThat(JSON.readTree(dry.body()).get("applied").asBoolean()).isFalse();
            assertThat(JSON.readTree(dry.body()).get("created").size()).as(dry.body()).isEqualTo(10);
            assertThat(fresh.bean(Monitors.class).count(null)).as("a dry run changes nothing").isZero();

            HttpResponse<String> imported = freshAdmin.send("POST", "/api/monitor/v1/import", yaml);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(freshAdmin.send("GET", "/api/monitor/v1/export", null).body()).isEqualTo(yaml);
            JsonNode again = JSON.readTree(freshAdmin.send("POST", "/api/monitor/v1/import", yaml).body());
            assertThat(again.get("created").size() + again.get("updated").size()).as("importing twice changes nothing").isZero();
            assertThat(again.get("unchanged").asInt()).isEqualTo(10);
            assertThat(get("/status/public", fresh, Map.of()).body()).contains("<strong>Gateway</strong>", "<strong>Site</strong>");
            assertThat(raw(fresh, "/", "status.example.test")).contains("<h1>Acme status</h1>");

            String bad = yaml.replace("interval: 120", "interval: -5").replace("name: \"Site\"", "name: \"Site 2\"").replace("- \"Site\"", "- \"Nowhere\"");
            HttpResponse<String> refused = freshAdmin.send("POST", "/api/monitor/v1/import", bad);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode errors = JSON.readTree(refused.body()).get("errors");
            assertThat(errors.propertyNames()).as(refused.body()).anyMatch(p -> p.matches("monitors\\[\\d]\\.interval"))
                    .contains("statusPages[1].groups[0].monitors[1]");
            assertThat(freshAdmin.send("GET", "/api/monitor/v1/export", null).body()).as("nothing of a bad file is applied").isEqualTo(yaml);
            assertThat(fresh.bean(Monitors.class).count(null)).isEqualTo(6);
            HttpResponse<String> badSlug = freshAdmin.send("POST", "/api/monitor/v1/import", yaml.replace("slug: \"public\"", "slug: \"Not OK\""));
            assertThat(JSON.readTree(badSlug.body()).get("errors").propertyNames()).containsExactly("statusPages[1].slug");
            assertThat(freshAdmin.send("POST", "/api/monitor/v1/import", "monitors: [oops").statusCode()).isEqualTo(400);
        } finally {
            dropFresh(db);
        }
    }

    // --- helpers

    private static void rollup(TestDatabase db, Monitor monitor, LocalDate day, int up, int down) {
        db.dsl().insertInto(table(name("monitor_rollup")))
                .set(field(name("monitor_id")), monitor.id().value()).set(field(name("resolution")), "d")
                .set(field(name("bucket")), day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
                .set(field(name("up")), up).set(field(name("down")), down).set(field(name("avg_ms")), 20).set(field(name("min_ms")), 10)
                .set(field(name("max_ms")), 90).set(field(name("p95_ms")), 60).execute();
    }

    private static String freshDatabase(TestDatabase db) {
        if (db.kind() == DatabaseKind.SQLITE) {
            return "jdbc:sqlite:" + db.directory().resolve("fresh.db");
        }
        Matcher schema = Pattern.compile("currentSchema=([a-z0-9_]+)").matcher(db.url());
        assertThat(schema.find()).isTrue();
        db.dsl().execute("CREATE SCHEMA " + schema.group(1) + "_fresh");
        return db.url().replace("currentSchema=" + schema.group(1), "currentSchema=" + schema.group(1) + "_fresh");
    }

    private static void dropFresh(TestDatabase db) {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            Matcher schema = Pattern.compile("currentSchema=([a-z0-9_]+)").matcher(db.url());
            if (schema.find()) {
                db.dsl().execute("DROP SCHEMA IF EXISTS " + schema.group(1) + "_fresh CASCADE");
            }
        }
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static HttpResponse<String> get(String path, TestNode node, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).GET();
        headers.forEach(request::header);
        return ANONYMOUS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with any Host header (Java's HTTP client will not send one of its own choosing). */
    static String raw(TestNode node, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 15 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The monitoring API as a signed-in administrator's browser calls it: session cookie and CSRF header. */
    record Api(TestNode node, String cookie, String csrf) {

        Api(TestNode node, WebSession session) {
            this(node, sessionCookie(session), csrfOf(session));
        }

        private static String sessionCookie(WebSession session) {
            session.get("/");
            return session.cookieHeader();
        }

        private static String csrfOf(WebSession session) {
            return session.csrfToken();
        }

        HttpResponse<String> bytes(String path, String type, byte[] body) throws Exception {
            return ANONYMOUS.send(HttpRequest.newBuilder(node.uri(path)).header("Cookie", cookie).header("X-CSRF-TOKEN", csrf)
                    .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).header("Cookie", cookie).header("X-CSRF-TOKEN", csrf)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml");
            }
            return ANONYMOUS.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
