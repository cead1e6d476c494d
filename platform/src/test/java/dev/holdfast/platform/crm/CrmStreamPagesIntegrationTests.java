package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The stream panel on a record's page, and the notifications bell and list, over HTTP as a browser sends it. */
class CrmStreamPagesIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void peoplePostFollowAndReadTheirNotificationsOnThePages(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);
        String bobId = CrmPeople.withRole(node, admin, "bob", "{\"Account\": {\"read\": \"all\", \"stream\": \"all\", \"edit\": \"all\"}}");
        CrmPeople.withRole(node, admin, "carol", "{\"Account\": {\"read\": \"all\", \"stream\": \"no\"}}");
        String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\"}")).get("id").asString();

        String detail = admin.get("/crm/Account/" + acme).body();
        assertThat(detail).contains("id=\"stream\"", "action=\"/crm/Account/" + acme + "/stream\"", "enctype=\"multipart/form-data\"",
                "data-kind=\"Create\"", "created this Account", "data-live-topic=\"record/Account/" + acme + "\"",
                "hx-get=\"/crm/Account/" + acme + "/stream\"", ">Unfollow</button>");

        // an empty post is refused next to the text box; a post with a mention shows with the mention marked
        assertThat(admin.post("/crm/Account/" + acme + "/stream", Map.of("post", "  ")).statusCode()).isEqualTo(302);
        assertThat(admin.get("/crm/Account/" + acme).body()).contains("id=\"post-error\" class=\"error\">Write something or attach a file.",
                "aria-invalid=\"true\"");
        HttpResponse<String> posted = admin.post("/crm/Account/" + acme + "/stream", Map.of("post", "Hello <b>@bob</b>, call them"));
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/crm/Account/" + acme + "#stream");
        String items = admin.get("/crm/Account/" + acme + "/stream").body();
        assertThat(items.strip()).as("the entries alone, for the live refresh").startsWith("<ol id=\"stream-items\"").doesNotContain("<html")
                .contains("Hello &lt;b&gt;<mark class=\"crm-mention\">@bob</mark>&lt;/b&gt;, call them").doesNotContain("<b>");

        // bob is mentioned, then assigned (and so follows): two notifications, the bell says so
        api.ok(api.patch("/api/v1/Account/" + acme, "{\"assignedUserId\":\"" + bobId + "\"}"));
        WebSession bob = node.session().signIn("bob", PASSWORD);
        assertThat(bob.get("/crm").body()).contains("id=\"crm-bell\"", "data-live-topic=\"notifications/" + bobId + "\"",
                "aria-label=\"Notifications: 2 unread\"");
        String list = bob.get("/crm/notifications").body();
        assertThat(list).contains("mentioned you on", ">Acme</button>", "assigned this Account to bob", "2 unread");
        JsonNode notifications = JsonClient.session(node, bob).ok(JsonClient.session(node, bob).get("/api/v1/Notification"));
        assertThat(notifications.get("total").asLong()).isEqualTo(2);
        assertThat(notifications.get("list").get(0).get("relatedName").asString()).isEqualTo("Acme");
        String newest = notifications.get("list").get(0).get("id").asString();

        HttpResponse<String> opened = bob.post("/crm/notifications/" + newest + "/open", Map.of("relatedType", "Account", "relatedId", acme));
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/crm/Account/" + acme + "#stream");
        assertThat(bob.get("/crm/notifications/bell").body()).contains("data-unread=\"1\"");
        assertThat(bob.post("/crm/notifications/" + newest + "/open", Map.of("relatedType", "x", "relatedId", "//evil.test"))
                .headers().firstValue("Location").orElseThrow()).as("never a redirect elsewhere").endsWith("/crm/notifications");
        bob.get("/crm/notifications");
        assertThat(bob.post("/crm/notifications/read", Map.of()).statusCode()).isEqualTo(302);
        assertThat(bob.get("/crm/notifications/bell").body()).contains("data-unread=\"0\"");

        // following: bob unfollows from the page and hears no more; follows again and does
        bob.get("/crm/Account/" + acme);
        assertThat(bob.post("/crm/Account/" + acme + "/unfollow", Map.of()).statusCode()).isEqualTo(302);
        assertThat(bob.get("/crm/Account/" + acme).body()).contains(">Follow</button>");
        api.ok(api.post("/api/v1/Note", "{\"parentType\":\"Account\",\"parentId\":\"" + acme + "\",\"post\":\"First\"}"));
        assertThat(bob.get("/crm/notifications/bell").body()).contains("data-unread=\"0\"");
        assertThat(bob.post("/crm/Account/" + acme + "/follow", Map.of()).statusCode()).isEqualTo(302);
        api.ok(api.post("/api/v1/Note", "{\"parentType\":\"Account\",\"parentId\":\"" + acme + "\",\"post\":\"Second\"}"));
        assertThat(bob.get("/crm/notifications/bell").body()).contains("data-unread=\"1\"");

        // carol reads accounts but not their streams: no panel, and the entries are refused
        WebSession carol = node.session().signIn("carol", PASSWORD);
        assertThat(carol.get("/crm/Account/" + acme).body()).contains("<h1>Acme</h1>").doesNotContain("id=\"stream\"");
        assertThat(carol.get("/crm/Account/" + acme + "/stream").statusCode()).isEqualTo(403);
        carol.get("/crm/Account/" + acme);
        assertThat(carol.post("/crm/Account/" + acme + "/stream", Map.of("post", "hi")).statusCode()).isEqualTo(403);

        // notifications about a record nobody may read any more (deleted) leave the list and the count
        api.ok(api.delete("/api/v1/Account/" + acme, null));
        assertThat(JsonClient.session(node, bob).ok(JsonClient.session(node, bob).get("/api/v1/Notification")).get("total").asLong()).isZero();
        assertThat(bob.get("/crm/notifications/bell").body()).contains("data-unread=\"0\"");
        assertThat(bob.get("/crm/notifications").body()).contains("No notifications.");
    }
}
