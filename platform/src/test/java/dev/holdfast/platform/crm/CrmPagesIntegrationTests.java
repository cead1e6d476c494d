package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

class CrmPagesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern ROW_LINK = Pattern.compile("<td><a href=\"/crm/Account/[^\"]+\">([^<]+)</a></td>");

    @DatabaseTest
    void peopleWorkWithRecordsThroughListsFormsDetailKanbanAndSearchWithTheStoresRulesAndMessages(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("holdfast.crm.access.revision-check", "100ms"));
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);

        HttpResponse<String> dashboard = admin.get("/crm");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("My open tasks", "Pipeline by stage", "Recent changes", "href=\"/crm/Account\"",
                "href=\"/crm/Opportunity/kanban\"");

        // create through the generated form; the store's validation comes back next to the field
        admin.get("/crm/Account/new");
        HttpResponse<String> missingName = admin.post("/crm/Account", Map.of("name", "", "type", "Customer", "website", "acme.test"));
        assertThat(missingName.statusCode()).isEqualTo(400);
        assertThat(missingName.body()).contains("id=\"name-error\" class=\"error\">'name' is required.")
                .contains("value=\"acme.test\"").as("what was typed stays");
        HttpResponse<String> created = admin.post("/crm/Account", Map.of("name", "Acme", "type", "Customer",
                "emailAddress", "info@acme.test", "billingAddressCity", "Berlin"));
        assertThat(created.statusCode()).isEqualTo(302);
        String acme = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/crm/Account/", "");
        HttpResponse<String> detail = admin.get("/crm/Account/" + acme);
        assertThat(detail.body()).contains("<h1>Acme</h1>", "Berlin", "mailto:info@acme.test", "Account created.",
                "data-live-topic=\"record/Account/" + acme + "\"", "id=\"panel-contacts\"", "data-live-topic=\"record/Contact\"",
                "Stream", "/crm/Contact/new?accountId=" + acme);

        // add a contact to it from the panel's link: the account is chosen already
        assertThat(admin.get("/crm/Contact/new?accountId=" + acme).body()).contains("<option value=\"" + acme + "\" selected>Acme</option>");
        HttpResponse<String> contact = admin.post("/crm/Contact", Map.of("firstName", "Jane", "lastName", "Doe", "accountId", acme,
                "emailAddress", "not-an-address"));
        assertThat(contact.statusCode()).isEqualTo(400);
        assertThat(contact.body()).contains("id=\"emailAddress-error\"", "is not an email address");
        assertThat(admin.post("/crm/Contact", Map.of("firstName", "Jane", "lastName", "Doe", "accountId", acme, "doNotCall", "true"))
                .statusCode()).isEqualTo(302);
        assertThat(admin.get("/crm/Account/" + acme).body()).contains(">Jane Doe</a>");

        // a wrong number is named; then an opportunity for the kanban
        admin.get("/crm/Opportunity/new");
        HttpResponse<String> badNumber = admin.post("/crm/Opportunity", Map.of("name", "Big deal", "amount", "1200.50",
                "amountCurrency", "eur", "closeDate", "2030-01-31", "stage", "Prospecting", "probability", "forty", "accountId", acme));
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(badNumber.body()).contains("id=\"probability-error\" class=\"error\">'probability' must be an integer.");
        HttpResponse<String> deal = admin.post("/crm/Opportunity", Map.of("name", "Big deal", "amount", "1200.50",
                "amountCurrency", "eur", "closeDate", "2030-01-31", "stage", "Prospecting", "probability", "40", "accountId", acme));
        assertThat(deal.statusCode()).isEqualTo(302);
        String dealId = deal.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(admin.get("/crm/Opportunity/" + dealId).body()).contains("1,200.50 EUR", ">Acme</a>");

        // optimistic concurrency: an edit of an old version is refused with a clear message, the typed values kept
        String form = admin.get("/crm/Account/" + acme + "/edit").body();
        assertThat(form).contains("name=\"versionNumber\" value=\"1\"", "value=\"Acme\"");
        api.ok(api.put("/api/v1/Account/" + acme, "{\"name\":\"Acme Corp\"}"));
        HttpResponse<String> stale = admin.post("/crm/Account/" + acme, Map.of("name", "Acme Inc", "versionNumber", "1", "type", "Partner"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this Account", "value=\"Acme Inc\"", "name=\"versionNumber\" value=\"2\"");
        assertThat(admin.post("/crm/Account/" + acme, Map.of("name", "Acme Inc", "versionNumber", "2", "type", "Partner")).statusCode())
                .as("saving again knowingly overwrites").isEqualTo(302);

        // lists: sort by a header, filter by enum and text, page with a next link (no count)
        for (int i = 1; i <= 22; i++) {
            api.ok(api.with("X-Skip-Duplicate-Check", "true").post("/api/v1/Account", "{\"name\":\"Firm " + String.format("%02d", i)
                    + "\",\"type\":\"" + (i % 2 == 0 ? "Customer" : "Reseller") + "\"}"));
        }
        String list = admin.get("/crm/Account").body();
        assertThat(list).contains("data-live-topic=\"record/Account\"", "href=\"/crm/Account?orderBy=name&amp;order=asc\"",
                "href=\"/crm/Account?offset=20\"");
        assertThat(names(list)).hasSize(20);
        assertThat(names(admin.get("/crm/Account?orderBy=name&order=asc").body())).startsWith("Acme Inc", "Firm 01", "Firm 02");
        assertThat(names(admin.get("/crm/Account?orderBy=name&order=desc").body())).startsWith("Firm 22", "Firm 21");
        String second = admin.get("/crm/Account?orderBy=name&order=asc&offset=20").body();
        assertThat(names(second)).containsExactly("Firm 20", "Firm 21", "Firm 22");
        assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(names(admin.get("/crm/Account?type=Partner").body())).containsExactly("Acme Inc");
        assertThat(names(admin.get("/crm/Account?q=irm+1&type=Reseller&orderBy=name&order=asc").body()))
                .containsExactly("Firm 11", "Firm 13", "Firm 15", "Firm 17", "Firm 19");
        assertThat(admin.get("/crm/Account?orderBy=nonsense").body()).contains("role=\"alert\">Cannot order Account by 'nonsense'.");
        assertThat(admin.get("/crm/Nonsense").statusCode()).isEqualTo(404);
        assertThat(admin.get("/crm/Account/no-such-id").statusCode()).isEqualTo(404);

        // kanban: a card per opportunity in its stage's column; the script's move and the keyboard form
        assertThat(admin.get("/crm/Opportunity/kanban").body()).contains("data-stage=\"Prospecting\"", "data-id=\"" + dealId + "\"");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> moved = client.send(HttpRequest.newBuilder(node.uri("/crm/Opportunity/" + dealId + "/stage"))
                .header("Cookie", admin.cookieHeader()).header("X-CSRF-TOKEN", admin.csrfToken()).header("X-Holdfast-Fetch", "1")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("stage=Proposal"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).isEqualTo(204);
        JsonNode afterMove = api.ok(api.get("/api/v1/Opportunity/" + dealId));
        assertThat(afterMove.get("stage").asString()).isEqualTo("Proposal");
        HttpResponse<String> badStage = client.send(HttpRequest.newBuilder(node.uri("/crm/Opportunity/" + dealId + "/stage"))
                .header("Cookie", admin.cookieHeader()).header("X-CSRF-TOKEN", admin.csrfToken()).header("X-Holdfast-Fetch", "1")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("stage=Nowhere"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badStage.statusCode()).isEqualTo(400);
        assertThat(badStage.body()).contains("is not one of");
        admin.get("/crm/Opportunity/kanban");
        assertThat(admin.post("/crm/Opportunity/" + dealId + "/stage", Map.of("stage", "Negotiation")).statusCode()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/v1/Opportunity/" + dealId)).get("stage").asString()).isEqualTo("Negotiation");
        assertThat(admin.get("/crm").body()).contains("<td>Negotiation</td><td>1</td><td>1,200.50 EUR</td>");
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(node.uri("/crm/Opportunity/" + dealId + "/stage"))
                .header("Cookie", admin.cookieHeader()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("stage=Proposal")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("CSRF token required").isEqualTo(403);

        // global search, and what a user without CRM roles sees of it all
        String found = admin.get("/crm/search?q=acme").body();
        assertThat(found).contains(">Acme Inc</a>", "<h2 id=\"results-Contact\">Contacts</h2>");
        assertThat(admin.get("/crm/search?q=Jane").body()).contains(">Jane Doe</a>");
        String contactForm = admin.get("/crm/Contact/new").body();
        assertThat(contactForm).contains("hx-get=\"/crm/Account/options\"", "hx-target=\"#f-accountId\"");
        String choices = admin.get("/crm/Account/options?q=ACME&accountId=" + acme).body();
        assertThat(choices).as("a link's search box: matches by name, keeping the current choice")
                .contains("<option value=\"" + acme + "\" selected>Acme Inc</option>").doesNotContain("Firm 01");
        assertThat(admin.get("/crm/Account/options?q=firm+0").body()).contains(">Firm 01</option>", ">Firm 09</option>")
                .doesNotContain("Acme Inc");
        JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
        identity.create("/users", "{\"username\":\"carol\",\"displayName\":\"Carol\",\"password\":\"" + PASSWORD + "\"}");
        WebSession carol = new WebSession(node).signIn("carol", PASSWORD);
        assertThat(carol.get("/crm").statusCode()).isEqualTo(200);
        assertThat(carol.get("/crm/search?q=acme").body()).doesNotContain("Acme");
        assertThat(carol.get("/crm/Account").statusCode()).isEqualTo(403);
        assertThat(carol.get("/crm/Account/" + acme).statusCode()).isEqualTo(404);

        // delete from the detail page
        admin.get("/crm/Account/" + acme);
        assertThat(admin.post("/crm/Account/" + acme + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/crm/Account/" + acme).statusCode()).isEqualTo(404);
        HttpResponse<String> refreshed = client.send(HttpRequest.newBuilder(node.uri("/crm/Account/" + acme))
                .header("Cookie", admin.cookieHeader()).header("HX-Request", "true").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refreshed.body()).as("an open detail page refreshed by the live update says so")
                .contains("<div id=\"record\">", "This Account was deleted, or you may no longer see it.");
    }

    private static List<String> names(String html) {
        List<String> names = new ArrayList<>();
        Matcher matcher = ROW_LINK.matcher(html);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
