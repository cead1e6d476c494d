package dev.holdfast.platform.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorTag;
import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.notify.MonitorChannels;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The monitoring pages through HTTP as a browser posts them: dashboard filters and paging, tags, channels, maintenance. */
class MonitorPagesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    /** No scheduler: the pages read what the test wrote. */
    private static final Map<String, String> QUIET = Map.of("holdfast.monitor.enabled", "false", "holdfast.monitor.min-interval", "1s",
            "holdfast.monitor.self-monitoring", "false");

    @DatabaseTest
    void theDashboardFiltersByTagAndTextPagedOnTheServerWithEachRowsLastDayBar(TestDatabase db) {
        TestNode node = db.startNode(QUIET);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        Monitors monitors = node.bean(Monitors.class);
        MonitorTags tags = node.bean(MonitorTags.class);
        for (int i = 0; i < 60; i++) {
            Monitor made = monitors.create(tcp(String.format("Shop %03d", i)));
            tags.set(made.id(), List.of(new MonitorTag("env", i % 3 == 0 ? "prod" : "test", null)));
        }
        Monitor api = monitors.create(tcp("Payments API"));
        tags.set(api.id(), List.of(new MonitorTag("env", "prod", "#2563eb"), MonitorTag.of("critical")));
        Monitor quiet = monitors.create(tcp("Quiet one"));

        // a known last day: the payments API failed once a few minutes ago, the quiet monitor passed
        long now = System.currentTimeMillis();
        insert(db, api.id(), now - 60_000, "DOWN");
        insert(db, api.id(), now - 30_000, "UP");
        insert(db, quiet.id(), now - 60_000, "UP");
        assertThat(monitors.lastDay(List.of(api.id(), quiet.id()), MonitorPages.SLOTS))
                .as("the one read for a page answers as the read per monitor")
                .containsEntry(api.id(), monitors.lastDay(api.id(), MonitorPages.SLOTS))
                .containsEntry(quiet.id(), monitors.lastDay(quiet.id(), MonitorPages.SLOTS));

        String first = admin.get("/monitor").body();
        assertThat(first).contains("62 monitors match").contains("page 1 of 2").contains("Payments API")
                .contains("href=\"/monitor?q=&amp;tag=&amp;page=1\"").doesNotContain("Shop 048");
        assertThat(row(first, api.id())).contains("slot-down").contains("critical").contains("env:prod").contains("fill=\"#2563eb\"");
        assertThat(row(first, quiet.id())).contains("slot-up").doesNotContain("slot-down");

        String prod = admin.get("/monitor?tag=env:prod").body();
        assertThat(prod).as("20 shops with i % 3 == 0, and the payments API").contains("21 monitors match").doesNotContain("page 1 of")
                .contains("Payments API").contains("Shop 003").doesNotContain("Shop 001").doesNotContain("Quiet one");
        String byName = admin.get("/monitor?tag=critical").body();
        assertThat(byName).contains("1 monitor matches").contains("Payments API");
        assertThat(admin.get("/monitor?q=shop+00&tag=env:test").body()).as("text and tag together")
                .contains("6 monitors match").contains("Shop 001").doesNotContain("Shop 003");
        String second = admin.get("/monitor?q=shop&page=1").body();
        assertThat(second).as("every target is at shop.example").contains("62 monitors match").contains("page 2 of 2")
                .contains("href=\"/monitor?q=shop&amp;tag=&amp;page=0\"").contains("Shop 059").doesNotContain("Shop 047");
        assertThat(MonitorPages.pageUrl("a b", "env:test", 1)).as("page links keep text and tag").isEqualTo("/monitor?q=a+b&tag=env%3Atest&page=1");
        assertThat(admin.get("/monitor?q=prod").body()).as("the search matches tag values").contains("21 monitors match");
        assertThat(admin.get("/monitor?page=99").body()).as("a page past the end shows the last").contains("page 2 of 2");
        assertThat(admin.get("/monitor?q=nothing-like-this").body()).contains("No monitor matches.");
        assertThat(admin.get("/monitor/0d5c4a1e-0000-0000-0000-000000000000").statusCode())
                .as("an unknown monitor is a 404 page (its handler rendered a 500 without the page shell)").isEqualTo(404);
        assertThat(admin.get("/monitor/rows/" + api.id()).body()).as("the live row carries its tags too").contains("env:prod");
    }

    @DatabaseTest
    void theMonitorFormSetsTagsAndPicksChannelsShowingTheDefaults(TestDatabase db) {
        TestNode node = db.startNode(QUIET);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        admin.get("/monitor/channels/new?type=ntfy");
        assertThat(admin.post("/monitor/channels", Map.of("name", "Ops ntfy", "type", "ntfy", "isDefault", "on",
                "settings.serverUrl", "https://ntfy.example", "settings.topic", "ops", "settings.priority", "4")).statusCode()).isEqualTo(302);
        assertThat(admin.post("/monitor/channels", Map.of("name", "Web team", "type", "ntfy",
                "settings.serverUrl", "https://ntfy.example", "settings.topic", "web", "settings.priority", "3")).statusCode()).isEqualTo(302);
        MonitorChannels channels = node.bean(MonitorChannels.class);
        String webTeam = channels.choices().stream().filter(c -> c.name().equals("Web team")).findFirst().orElseThrow().id();

        String blank = admin.get("/monitor/new").body();
        assertThat(blank).contains("Ops ntfy").contains("Web team").contains("name=\"channel." + webTeam + "\"")
                .contains("With none picked, alerts go to the default channels: Ops ntfy.");

        HttpResponse<String> badTag = admin.post("/monitor", Map.of("name", "Shop", "type", "tcp", "host", "shop.example", "port", "443",
                "interval", "60", "tags", "env:prod, bad#" + "x".repeat(70)));
        assertThat(badTag.statusCode()).isEqualTo(200);
        assertThat(badTag.body()).contains("tag 2: a name of 1 to 60 characters").contains("value=\"env:prod, bad#");
        Monitors monitors = node.bean(Monitors.class);
        assertThat(monitors.count("shop")).as("a bad tag saves nothing, not even the monitor").isZero();

        Map<String, String> form = new HashMap<>(Map.of("name", "Shop", "type", "tcp", "host", "shop.example", "port", "443",
                "interval", "60", "tags", "env:prod, web", "channel." + webTeam, "on"));
        HttpResponse<String> made = admin.post("/monitor", form);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        String location = made.headers().firstValue("Location").orElseThrow();
        MonitorId id = new MonitorId(location.substring(location.lastIndexOf('/') + 1));
        assertThat(node.bean(MonitorTags.class).of(id)).extracting(MonitorTag::label).containsExactly("env:prod", "web");
        assertThat(channels.picked(id.value())).containsExactly(webTeam);
        assertThat(admin.get(location).body()).contains("Alerts go to Web team.");

        String edit = admin.get("/monitor/" + id + "/edit").body();
        assertThat(edit).contains("value=\"env:prod, web\"");
        assertThat(edit).containsPattern("name=\"channel\\." + webTeam + "\" checked");
        form.remove("channel." + webTeam);
        form.put("tags", "env:staging");
        assertThat(admin.post("/monitor/" + id, form).statusCode()).isEqualTo(302);
        assertThat(channels.picked(id.value())).as("no channel picked: the defaults").isEmpty();
        assertThat(node.bean(MonitorTags.class).of(id)).extracting(MonitorTag::label).containsExactly("env:staging");
        assertThat(admin.get(location).body()).contains("Alerts go to the default channels.");

        form.put("channel.0d5c4a1e-0000-0000-0000-000000000000", "on");
        HttpResponse<String> gone = admin.post("/monitor/" + id, form);
        assertThat(gone.body()).as("a channel deleted meanwhile is named").contains("a picked channel no longer exists");
    }

    @DatabaseTest
    void theRedisFormTakesAReadOnlyCommandAndItsExpectedAnswer(TestDatabase db) {
        TestNode node = db.startNode(QUIET);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        String blank = admin.get("/monitor/new").body();
        assertThat(blank).as("the command and answer sit in a fieldset shown only for Redis")
                .containsPattern("<fieldset data-for=\"redis\">\\s*<legend>Redis command</legend>")
                .contains("name=\"command\"").contains("name=\"expected.redis\"");

        Map<String, String> form = new HashMap<>(Map.of("name", "Cache", "type", "redis", "host", "cache.example", "port", "6379",
                "interval", "60", "command", "SET health ok", "expected.redis", "ok", "expected", "10.0.0.1"));
        HttpResponse<String> writing = admin.post("/monitor", form);
        assertThat(writing.statusCode()).isEqualTo(200);
        assertThat(writing.body()).as("a command that writes is refused at its field").contains("a read-only command: one of")
                .contains("value=\"SET health ok\"");
        Monitors monitors = node.bean(Monitors.class);
        assertThat(monitors.count("cache")).isZero();

        form.put("command", "GET health");
        HttpResponse<String> made = admin.post("/monitor", form);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
        String location = made.headers().firstValue("Location").orElseThrow();
        Monitor cache = monitors.get(new MonitorId(location.substring(location.lastIndexOf('/') + 1)));
        assertThat(cache.config().values()).as("the DNS form's expected values (hidden for Redis) are not taken")
                .containsEntry("command", "GET health").containsEntry("expected", "ok").doesNotContainKey("expected.redis");
        String edit = admin.get("/monitor/" + cache.id() + "/edit").body();
        assertThat(edit).contains("name=\"command\" value=\"GET health\"").contains("name=\"expected.redis\" value=\"ok\"");
    }

    @DatabaseTest
    void administratorsListCreateEditAndDeleteMaintenanceWindowsWithFieldErrors(TestDatabase db) {
        TestNode node = db.startNode(QUIET);
        WebSession admin = node.session().setUp("admin", PASSWORD);
        Monitors monitors = node.bean(Monitors.class);
        Monitor shop = monitors.create(tcp("Shop"));
        Monitor api = monitors.create(tcp("API"));
        Monitor mail = monitors.create(tcp("Mail"));
        assertThat(admin.get("/monitor/maintenance").body()).contains("No maintenance windows.");
        assertThat(admin.get("/monitor/maintenance/new").body()).contains("With none picked: all monitors")
                .contains("name=\"monitor." + shop.id() + "\"> Shop</label>");

        HttpResponse<String> backwards = admin.post("/monitor/maintenance", Map.of("title", "Move", "monitor." + shop.id().value(), "on",
                "kind", "once", "start", "2030-01-10T10:00", "end", "2030-01-10T09:00", "zone", "UTC"));
        assertThat(backwards.statusCode()).isEqualTo(200);
        assertThat(backwards.body()).contains("a start and a later end are required").contains("value=\"Move\"")
                .containsPattern("name=\"monitor\\." + shop.id() + "\" checked");
        HttpResponse<String> unreadable = admin.post("/monitor/maintenance", Map.of("title", "", "kind", "weekly", "at", "25:00",
                "lengthMinutes", "0", "zone", "Mars/Olympus"));
        assertThat(unreadable.body()).contains("pick at least one day").contains("a time of day like 02:00").contains("minutes from 1 to 10080")
                .contains("a time zone like UTC or Europe/Berlin");
        assertThat(monitors.maintenance()).isEmpty();

        // a window in Berlin time covering now, for the shop
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        LocalDateTime start = LocalDateTime.now(berlin).truncatedTo(ChronoUnit.MINUTES).minusMinutes(5);
        assertThat(admin.post("/monitor/maintenance", Map.of("title", "Database move", "monitor." + shop.id().value(), "on",
                "monitor." + api.id().value(), "on", "kind", "once",
                "start", local.format(start), "end", local.format(start.plusHours(2)), "zone", "Europe/Berlin")).statusCode()).isEqualTo(302);
        MaintenanceWindow window = monitors.maintenance().getFirst();
        assertThat(window.monitors()).as("one window for several monitors").containsExactlyInAnyOrder(shop.id(), api.id());
        assertThat(window.start()).isEqualTo(start.atZone(berlin).toInstant());
        assertThat(window.covers(Instant.now())).isTrue();
        String list = admin.get("/monitor/maintenance").body();
        assertThat(list).contains("Database move").containsPattern("<td>(Shop, API|API, Shop)</td>").contains("in effect").contains("(Europe/Berlin)");

        String edit = admin.get("/monitor/maintenance/" + window.id() + "/edit").body();
        assertThat(edit).contains("value=\"" + local.format(start) + "\"").contains("value=\"Europe/Berlin\"")
                .containsPattern("name=\"monitor\\." + shop.id() + "\" checked").containsPattern("name=\"monitor\\." + api.id() + "\" checked")
                .doesNotContainPattern("name=\"monitor\\." + mail.id() + "\" checked");
        monitors.delete(api.id());
        assertThat(monitors.maintenance().getFirst().monitors()).as("a deleted monitor leaves the window").containsExactly(shop.id());
        HttpResponse<String> stale = admin.post("/monitor/maintenance/" + window.id(), Map.of("title", "Database move",
                "monitor." + shop.id().value(), "on", "monitor." + api.id().value(), "on", "kind", "once",
                "start", local.format(start), "end", local.format(start.plusHours(2)), "zone", "Europe/Berlin"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).as("a monitor deleted while the form was open is named").contains("a picked monitor no longer exists");
        assertThat(admin.post("/monitor/maintenance/" + window.id(), Map.of("title", "Patch night", "kind", "weekly",
                "day.TUESDAY", "on", "day.THURSDAY", "on", "at", "02:00", "lengthMinutes", "90", "zone", "UTC")).statusCode()).isEqualTo(302);
        MaintenanceWindow weekly = monitors.maintenance().getFirst();
        assertThat(weekly.id()).as("edited in place").isEqualTo(window.id());
        assertThat(weekly.monitors()).as("none picked: now for all monitors").isEmpty();
        assertThat(weekly.length()).isEqualTo(Duration.ofMinutes(90));
        assertThat(weekly.covers(Instant.parse("2026-03-10T02:30:00Z"))).as("a Tuesday").isTrue();
        assertThat(admin.get("/monitor/maintenance").body()).contains("Patch night").contains("All monitors")
                .contains("Tue, Thu at 02:00 for 1 h 30 min (UTC)");

        assertThat(admin.post("/monitor/maintenance/" + window.id() + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(monitors.maintenance()).isEmpty();

        Monitor only = monitors.create(tcp("Only"));
        monitors.addMaintenance(new MaintenanceWindow("", List.of(only.id()), "Just one", Instant.now(), Instant.now().plusSeconds(60),
                java.util.Set.of(), null, null, ZoneId.of("UTC")));
        monitors.delete(only.id());
        assertThat(monitors.maintenance()).as("a window whose every monitor is deleted goes too (it would cover all)").isEmpty();
        assertThat(admin.get("/monitor/maintenance/" + window.id() + "/edit").statusCode()).isEqualTo(404);
    }

    private static MonitorDraft tcp(String name) {
        return new MonitorDraft(name, "tcp", Map.of("host", "shop.example", "port", 443), 60L, null, null, null, null, false, null);
    }

    private static void insert(TestDatabase db, MonitorId monitor, long at, String status) {
        db.dsl().execute("INSERT INTO monitor_result (monitor_id, checked_at, status, response_ms, message) VALUES (?, ?, ?, 20, 'known')",
                monitor.value(), at, status);
    }

    /** The dashboard row of one monitor. */
    private static String row(String page, MonitorId id) {
        Matcher row = Pattern.compile("<tr id=\"monitor-" + id.value() + "\".*?</tr>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as("a row for " + id).isTrue();
        return row.group();
    }
}
