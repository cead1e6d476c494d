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

/** EspoCRM's team roles: a team carries roles, and everyone in the team gets them on top of their groups' roles. */
class CrmTeamRolesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void membersOfATeamGetItsRolesUntilTheAdministratorTakesThemAway(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession adminSession = node.session().setUp("admin", PASSWORD);
        JsonClient identity = JsonClient.session(node, adminSession).under("/api/identity/v1");
        JsonClient crm = JsonClient.session(node, adminSession).under("/api/crm/v1");
        JsonClient admin = JsonClient.session(node, adminSession);
        admin.ok(admin.post("/api/v1/Account", "{\"name\":\"Acme\"}"));

        String dave = identity.create("/users", "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}").get("id").asString();
        JsonClient daveApi = JsonClient.session(node, node.session().signIn("dave", PASSWORD));
        assertThat(daveApi.get("/api/v1/Account").statusCode()).as("no roles yet").isEqualTo(403);

        String reader = crm.create("/roles", "{\"name\":\"Account reader\",\"permissions\":{\"Account\":{\"read\":\"all\"}}}")
                .get("id").asString();
        assertProblem(crm.post("/teams", "{\"name\":\"Support\",\"roleIds\":[\"" + reader + "\",\"Nobody\"]}"), "roleIds[1]");
        assertProblem(crm.post("/teams", "{\"name\":\"Support\",\"roleIds\":\"Account reader\"}"), "roleIds");
        JsonNode team = crm.create("/teams", "{\"name\":\"Support\",\"members\":[\"" + dave + "\"],\"roleIds\":[\"Account reader\"]}");
        assertThat(team.get("roleIds").get(0).asString()).as("named by name, answered by id").isEqualTo(reader);
        String teamId = team.get("id").asString();

        JsonNode list = daveApi.ok(daveApi.get("/api/v1/Account"));
        assertThat(list.get("list").get(0).get("name").asString()).as("the team's role lets its member read").isEqualTo("Acme");
        assertThat(adminSession.get("/admin/crm/access?username=dave").body()).as("the administrator sees where it comes from")
                .contains("Account reader", "Support");

        // the team's page: a roles picker; saving it without the role takes the access away at once
        String page = adminSession.get("/admin/crm/teams/" + teamId).body();
        assertThat(page).contains("name=\"roleIds\" value=\"" + reader + "\" checked");
        assertThat(adminSession.post("/admin/crm/teams/" + teamId, Map.of("name", "Support")).statusCode()).isEqualTo(302);
        assertThat(JsonClient.json(crm.get("/teams/" + teamId)).get("roleIds")).isEmpty();
        assertThat(daveApi.get("/api/v1/Account").statusCode()).as("no longer carried by the team").isEqualTo(403);

        assertThat(adminSession.post("/admin/crm/teams/" + teamId, Map.of("name", "Support", "roleIds", reader)).statusCode())
                .isEqualTo(302);
        assertThat(adminSession.get("/admin/crm/teams/" + teamId).body()).contains("name=\"roleIds\" value=\"" + reader + "\" checked");
        assertThat(daveApi.get("/api/v1/Account").statusCode()).isEqualTo(200);

        // leaving the team (through the API's replace) and deleting the role both end it
        assertThat(crm.put("/teams/" + teamId, "{\"name\":\"Support\",\"roleIds\":[\"" + reader + "\"]}").statusCode()).isEqualTo(200);
        assertThat(daveApi.get("/api/v1/Account").statusCode()).as("not a member any more").isEqualTo(403);
        assertThat(crm.put("/teams/" + teamId, "{\"name\":\"Support\",\"members\":[\"" + dave + "\"],\"roleIds\":[\"" + reader + "\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(daveApi.get("/api/v1/Account").statusCode()).isEqualTo(200);
        assertThat(crm.delete("/roles/" + reader).statusCode()).isEqualTo(204);
        assertThat(JsonClient.json(crm.get("/teams/" + teamId)).get("roleIds")).isEmpty();
        assertThat(daveApi.get("/api/v1/Account").statusCode()).isEqualTo(403);
    }

    private static void assertProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JsonClient.json(response).get("field").asString()).isEqualTo(field);
    }
}
