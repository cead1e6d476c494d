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

/** The generated forms edit a record's parent (type and record, picked by typing) and its teams. */
class CrmFormsIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void aTaskGetsItsParentAndTeamsFromTheFormWithMessagesNextToTheFields(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);
        JsonClient crm = JsonClient.session(node, admin).under("/api/crm/v1");
        String emea = crm.create("/teams", "{\"name\":\"EMEA\"}").get("id").asString();
        crm.create("/teams", "{\"name\":\"APAC\"}");
        String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\"}")).get("id").asString();
        api.ok(api.post("/api/v1/Account", "{\"name\":\"Globex\"}"));

        String form = admin.get("/crm/Task/new").body();
        assertThat(form).contains("name=\"parentType\"", "<option value=\"Account\">Account</option>", "hx-get=\"/crm/parent-options\"",
                "hx-target=\"#f-parentId\"", "name=\"parentId\"", "hx-include=\"#f-parentId, #f-parentType\"",
                "name=\"teamsIds\"", "<option value=\"" + emea + "\">EMEA</option>", ">APAC</option>");

        // picking a parent by typing: the type's records whose name matches
        String choices = admin.get("/crm/parent-options?parentType=Account&q=acm").body();
        assertThat(choices).contains("<option value=\"" + acme + "\">Acme</option>").doesNotContain("Globex");
        assertThat(admin.get("/crm/parent-options?parentType=Account").body()).contains(">Acme<", ">Globex<");
        assertThat(admin.get("/crm/parent-options?parentType=Nonsense&q=a").body()).as("an unknown type offers nothing")
                .contains("(none)").doesNotContain("Acme");

        // a parent that does not exist is named next to the parent field, with what was chosen kept
        admin.get("/crm/Task/new");
        HttpResponse<String> refused = admin.post("/crm/Task", Map.of("name", "Call Acme", "parentType", "Account",
                "parentId", "nonexistent1", "teamsIds", emea));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"parent-error\" class=\"error\">No Account with id 'nonexistent1'.",
                "<option value=\"Account\" selected>Account</option>", "<option value=\"" + emea + "\" selected>EMEA</option>");

        HttpResponse<String> created = admin.post("/crm/Task", Map.of("name", "Call Acme", "parentType", "Account", "parentId", acme,
                "teamsIds", emea));
        assertThat(created.statusCode()).isEqualTo(302);
        String task = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode saved = api.ok(api.get("/api/v1/Task/" + task));
        assertThat(saved.get("parentType").asString()).isEqualTo("Account");
        assertThat(saved.get("parentId").asString()).isEqualTo(acme);
        assertThat(saved.get("teamsIds").get(0).asString()).isEqualTo(emea);
        assertThat(admin.get("/crm/Account/" + acme).body()).as("the account's tasks panel").contains(">Call Acme</a>");

        // the edit form shows both; clearing them saves a task without parent or teams
        String edit = admin.get("/crm/Task/" + task + "/edit").body();
        assertThat(edit).contains("<option value=\"" + acme + "\" selected>Acme</option>", "<option value=\"" + emea + "\" selected>EMEA</option>");
        String version = saved.get("versionNumber").asString();
        assertThat(admin.post("/crm/Task/" + task, Map.of("name", "Call Acme", "parentType", "", "parentId", "", "versionNumber", version))
                .statusCode()).isEqualTo(302);
        JsonNode cleared = api.ok(api.get("/api/v1/Task/" + task));
        assertThat(cleared.get("parentId").isNull()).isTrue();
        assertThat(cleared.get("teamsIds")).isEmpty();
    }
}
