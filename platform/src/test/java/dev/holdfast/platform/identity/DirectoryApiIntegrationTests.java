package dev.holdfast.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

class DirectoryApiIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String API = "/api/identity/v1";

    @DatabaseTest
    void membersOfASubgroupHoldTheRolesOfItsAncestorsAndALoopIsRefused(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        JsonNode staff = api.create("/groups", "{\"name\":\"Staff\"}");
        JsonNode sales = api.create("/groups", "{\"name\":\"Sales\",\"parentId\":\"" + id(staff) + "\",\"attributes\":{\"region\":\"EU\"}}");
        JsonNode emea = api.create("/groups", "{\"name\":\"Sales EMEA\",\"parentId\":\"" + id(sales) + "\"}");
        JsonNode editors = api.create("/roles", "{\"name\":\"CRM editors\",\"application\":\"crm\",\"permissions\":[\"crm.record.write\"]}");
        JsonNode readers = api.create("/roles", "{\"name\":\"Readers\",\"permissions\":[\"crm.record.read\"]}");
        JsonNode alice = api.create("/users", "{\"username\":\"alice\",\"displayName\":\"Alice\"}");
        assertThat(api.put("/roles/" + id(editors) + "/assignments/groups/" + id(staff), null).statusCode()).isEqualTo(204);
        assertThat(api.put("/roles/" + id(readers) + "/assignments/users/" + id(alice), null).statusCode()).isEqualTo(204);
        assertThat(api.put("/groups/" + id(emea) + "/members/" + id(alice), null).statusCode()).isEqualTo(204);

        JsonNode roles = JsonClient.json(api.get("/users/" + id(alice) + "/roles"));
        assertThat(roles.findValuesAsString("name")).containsExactly("CRM editors", "Readers");
        UserManagement directory = node.bean(UserManagement.class);
        UserId aliceId = new UserId(UUID.fromString(id(alice)));
        assertThat(directory.groupsOf(aliceId)).extracting(Group::name).containsExactly("Sales", "Sales EMEA", "Staff");
        assertThat(directory.permissionsOf(aliceId, "crm")).containsExactly("crm.record.read", "crm.record.write");
        assertThat(directory.permissionsOf(aliceId, null)).as("an application's role counts for that application only")
                .containsExactly("crm.record.read");

        HttpResponse<String> loop = api.put("/groups/" + id(staff), "{\"name\":\"Staff\",\"parentId\":\"" + id(emea) + "\"}");
        assertThat(loop.statusCode()).isEqualTo(409);
        assertThat(loop.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JsonClient.json(loop).get("detail").asString()).contains("inside itself");
        assertThat(api.put("/groups/" + id(staff), "{\"name\":\"Staff\",\"parentId\":\"" + id(staff) + "\"}").statusCode()).isEqualTo(409);
        assertThat(JsonClient.json(api.get("/groups/" + id(staff))).get("parentId").isNull()).isTrue();

        assertThat(api.delete("/groups/" + id(emea) + "/members/" + id(alice)).statusCode()).isEqualTo(204);
        assertThat(directory.permissionsOf(aliceId, "crm")).containsExactly("crm.record.read");
    }

    @DatabaseTest
    void badInputGetsProblemDetails(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        api.create("/users", "{\"username\":\"bob\"}");

        assertProblem(api.post("/users", "{\"username\": "), 400);
        assertProblem(api.post("/users", "{\"username\":\"" + "x".repeat(101) + "\"}"), 400);
        assertProblem(api.post("/users", "{\"username\":\"carol\",\"attributes\":{\"a\":\"" + "v".repeat(1001) + "\"}}"), 400);
        assertProblem(api.post("/users", "{\"username\":\"carol\",\"displayName\":\"" + "x".repeat(70_000) + "\"}"), 400);
        assertProblem(api.post("/users", "{\"username\":\"BOB\"}"), 409);
        assertProblem(api.get("/users/" + UUID.randomUUID()), 404);
        assertProblem(api.get("/users/not-a-uuid"), 400);
        assertProblem(api.get("/users?size=100000"), 400);
        assertProblem(api.post("/roles", "{\"name\":\"R\",\"permissions\":[\"Not A Permission\"]}"), 400);
        JsonNode administrator = JsonClient.json(api.get("/roles")).get(0);
        assertThat(administrator.get("builtIn").asBoolean()).isTrue();
        assertProblem(api.delete("/roles/" + id(administrator)), 409);
        assertProblem(api.withoutCsrf().post("/users", "{\"username\":\"mallory\"}"), 403);
        assertThat(JsonClient.json(api.get("/users?q=bo")).get("total").asInt()).isEqualTo(1);
    }

    @DatabaseTest
    void aServiceAccountTokenWorksStatelesslyUntilRevokedOrExpired(TestDatabase db) throws InterruptedException {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        JsonNode robot = api.create("/service-accounts", "{\"name\":\"provisioner\",\"description\":\"HR sync\"}");
        String administrator = id(JsonClient.json(api.get("/roles")).get(0));
        api.put("/roles/" + administrator + "/assignments/users/" + id(robot), null);
        JsonNode issued = api.create("/service-accounts/" + id(robot) + "/tokens", "{\"name\":\"ci\"}");
        String token = issued.get("token").asString();
        assertThat(token).startsWith(issued.get("details").get("prefix").asString());
        assertThat(api.get("/service-accounts/" + id(robot) + "/tokens").body()).doesNotContain(token);

        JsonClient bearer = JsonClient.bearer(node, token).under(API);
        HttpResponse<String> list = bearer.get("/users");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().allValues("Set-Cookie")).as("no session for a token request").isEmpty();
        assertThat(bearer.post("/users", "{\"username\":\"dave\"}").statusCode()).as("no CSRF for tokens").isEqualTo(201);
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("user.created", "provisioner", null, null, null), 5)).hasSize(1);
        assertThat(JsonClient.json(api.get("/service-accounts/" + id(robot) + "/tokens")).get(0).get("lastUsedAt").isNull()).isFalse();

        assertProblem(JsonClient.bearer(node, token + "x").under(API).get("/users"), 401);
        String revoked = api.create("/service-accounts/" + id(robot) + "/tokens", "{\"name\":\"old\"}").get("token").asString();
        String revokedId = id(JsonClient.json(api.get("/service-accounts/" + id(robot) + "/tokens")).get(0));
        assertThat(api.delete("/service-accounts/" + id(robot) + "/tokens/" + revokedId).statusCode()).isEqualTo(204);
        assertProblem(JsonClient.bearer(node, revoked).under(API).get("/users"), 401);

        // a token that expires in a few seconds works until then, and no longer (its expiry is checked on every
        // request against the clock, also while the token is cached)
        java.time.Instant expiry = java.time.Instant.now().plusSeconds(8);
        String expiring = api.create("/service-accounts/" + id(robot) + "/tokens",
                "{\"name\":\"temp\",\"expiresAt\":\"" + expiry + "\"}").get("token").asString();
        assertThat(JsonClient.bearer(node, expiring).under(API).get("/users").statusCode()).isEqualTo(200);
        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), expiry).toMillis() + 100));
        assertProblem(JsonClient.bearer(node, expiring).under(API).get("/users"), 401);

        assertThat(api.patch("/users/" + id(robot), "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertProblem(bearer.get("/users"), 401);
    }

    @DatabaseTest
    void withoutTheAdministratorPermissionTheApiAnswers403(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        api.create("/users", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}");
        JsonNode robot = api.create("/service-accounts", "{\"name\":\"reader\"}");
        String token = api.create("/service-accounts/" + id(robot) + "/tokens", "{\"name\":\"t\"}").get("token").asString();

        WebSession bob = node.session().signIn("bob", PASSWORD);
        assertProblem(JsonClient.session(node, bob).under(API).get("/users"), 403);
        assertThat(bob.get("/admin/identity/users").statusCode()).isEqualTo(403);
        assertProblem(JsonClient.bearer(node, token).under(API).get("/users"), 403);
        assertProblem(JsonClient.anonymous(node).under(API).get("/users"), 401);

        String administrator = id(JsonClient.json(api.get("/roles")).get(0));
        String bobsId = JsonClient.json(api.get("/users?q=bob")).get("items").get(0).get("id").asString();
        api.put("/roles/" + administrator + "/assignments/users/" + bobsId, null);
        assertThat(bob.get("/admin/identity/users").statusCode()).as("granted without signing in again").isEqualTo(200);
        api.delete("/roles/" + administrator + "/assignments/users/" + bobsId);
        assertThat(bob.get("/admin/identity/users").statusCode()).as("taken away at the next request").isEqualTo(403);
        assertProblem(JsonClient.session(node, bob).under(API).get("/users"), 403);
    }

    @DatabaseTest
    void disablingAUserEndsTheirSessionAndTheyCannotSignInAgain(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        JsonNode bob = api.create("/users", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}");
        WebSession browser = node.session().signIn("bob", PASSWORD);
        WebSession phone = node.session().signIn("bob", PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        try (LiveClient live = LiveClient.connect(node, browser.cookieHeader(), "http://localhost:" + node.port())) {
            live.awaitType("welcome");

            assertThat(api.patch("/users/" + id(bob), "{\"enabled\":false}").statusCode()).isEqualTo(200);

            assertThat(live.awaitClose()).as("the live connection ends with the session").isEqualTo(1008);
        }

        for (WebSession session : new WebSession[] {browser, phone}) {
            HttpResponse<String> next = session.get("/");
            assertThat(next.statusCode()).isEqualTo(302);
            assertThat(next.headers().firstValue("Location")).get().asString().endsWith("/login");
        }
        WebSession again = node.session();
        again.get("/login");
        var refused = again.post("/login", Map.of("username", "bob", "password", PASSWORD));
        WebSession wrong = node.session();
        wrong.get("/login");
        var wrongPassword = wrong.post("/login", Map.of("username", "bob", "password", "not the password"));
        assertThat(refused.headers().firstValue("Location")).isEqualTo(wrongPassword.headers().firstValue("Location"));
        assertThat(node.bean(AuditLog.class).search(new AuditLog.Filter("user.disabled", "admin", null, null, null), 5))
                .singleElement().satisfies(event -> assertThat(event.details())
                        .containsEntry("before.enabled", "true").containsEntry("after.enabled", "false")
                        .containsEntry("after.sessions_ended", "2"));
    }

    @DatabaseTest
    void administrativeChangesAreAuditedWithWhoWhereBeforeAndAfter(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        JsonNode bob = api.create("/users", "{\"username\":\"bob\",\"email\":\"bob@example.com\"}");
        api.patch("/users/" + id(bob), "{\"displayName\":\"Robert\",\"attributes\":{\"department\":\"Sales\"}}");
        JsonNode group = api.create("/groups", "{\"name\":\"Ops\"}");
        api.put("/groups/" + id(group), "{\"name\":\"Operations\"}");
        api.delete("/users/" + id(bob));

        AuditLog audit = node.bean(AuditLog.class);
        AuditEvent updated = audit.search(new AuditLog.Filter("user.updated", null, null, null, null), 5).getFirst();
        assertThat(updated.actor()).isEqualTo("admin");
        assertThat(updated.clientIp()).isNotBlank();
        assertThat(updated.target()).isEqualTo("user:" + id(bob));
        assertThat(updated.details()).containsEntry("before.display_name", "").containsEntry("after.display_name", "Robert")
                .containsEntry("after.attribute.department", "Sales").doesNotContainKey("before.email");
        assertThat(audit.search(new AuditLog.Filter("group.updated", null, null, null, null), 5).getFirst().details())
                .containsEntry("before.name", "Ops").containsEntry("after.name", "Operations");
        assertThat(audit.search(new AuditLog.Filter("user.deleted", null, null, null, null), 5).getFirst().details())
                .containsEntry("before.username", "bob").containsEntry("before.email", "bob@example.com");
        assertThat(audit.verify().intact()).isTrue();
    }

    @DatabaseTest
    void theOpenApiDocumentDescribesTheDirectory(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        JsonClient api = JsonClient.session(node, node.session().setUp("admin", PASSWORD)).under(API);
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = JsonClient.json(response).get("paths");
        assertThat(paths.propertyNames()).contains("/api/identity/v1/users", "/api/identity/v1/users/{id}",
                "/api/identity/v1/groups/{id}/members/{userId}", "/api/identity/v1/roles/{id}/assignments/groups/{groupId}",
                "/api/identity/v1/service-accounts/{id}/tokens/{tokenId}");
        assertThat(paths.get("/api/identity/v1/users/{id}").get("patch")).isNotNull();
        assertThat(JsonClient.json(response).get("components").get("securitySchemes").propertyNames()).contains("apiToken", "session");
    }

    private static String id(JsonNode node) {
        return node.get("id").asString();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JsonClient.json(response).get("status").asInt()).isEqualTo(status);
    }
}
