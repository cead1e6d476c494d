package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.Ownership;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import tools.jackson.databind.JsonNode;

class CrmAccessIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SALESMAN = """
            {"name": "Salesman",
             "permissions": {"Account": {"create": "yes", "read": "team", "edit": "own", "delete": "no"},
                             "Note": {"read": "own"}},
             "fields": {"Account": {"phone": {"read": "yes", "edit": "no"}}}}""";

    @DatabaseTest
    void aSubgroupMemberGetsTheRolesAndTeamsOfTheMappedGroupAndRowsAreFilteredInSql(TestDatabase db) {
        TestNode node = db.startNode(Map.of("holdfast.crm.access.revision-check", "100ms"));
        WebSession adminSession = node.session().setUp("admin", PASSWORD);
        JsonClient identity = JsonClient.session(node, adminSession).under("/api/identity/v1");
        JsonClient crm = JsonClient.session(node, adminSession).under("/api/crm/v1");
        JsonNode sales = identity.create("/groups", "{\"name\":\"Sales\"}");
        JsonNode emeaSales = identity.create("/groups", "{\"name\":\"Sales EMEA\",\"parentId\":\"" + id(sales) + "\"}");
        String carol = id(identity.create("/users", "{\"username\":\"carol\",\"displayName\":\"Carol\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(identity.put("/groups/" + id(emeaSales) + "/members/" + carol, null).statusCode()).isEqualTo(204);

        JsonNode salesman = crm.create("/roles", SALESMAN);
        assertThat(salesman.at("/permissions/Account/create").asString()).isEqualTo("all");
        JsonNode emea = crm.create("/teams", "{\"name\":\"EMEA\"}");
        JsonNode mapping = JsonClient.json(crm.put("/group-mappings/sales", "{\"roles\":[\"Salesman\"],\"teams\":[\"" + id(emea) + "\"]}"));
        assertThat(mapping.at("/roles/0/name").asString()).isEqualTo("Salesman");
        assertThat(mapping.at("/teams/0/id").asString()).isEqualTo(id(emea));

        node.session().signIn("carol", PASSWORD);
        RecordAccess access = node.bean(RecordAccess.class);
        CrmUser user = access.user(signedIn("carol"));
        assertThat(user.userId()).isEqualTo(carol);
        assertThat(user.displayName()).isEqualTo("Carol");
        assertThat(user.administrator()).isFalse();
        assertThat(user.teamIds()).containsExactly(id(emea));
        assertThat(access.scope(user, "Account", Action.READ)).isEqualTo(Scope.TEAM);
        assertThat(access.scope(user, "Account", Action.EDIT)).isEqualTo(Scope.OWN);
        assertThat(access.scope(user, "Account", Action.DELETE)).isEqualTo(Scope.NO);
        assertThat(access.scope(user, "Opportunity", Action.READ)).isEqualTo(Scope.NO);
        assertThat(access.canRead(user, "Account", "phone")).isTrue();
        assertThat(access.canEdit(user, "Account", "phone")).isFalse();
        assertThat(access.canEdit(user, "Account", "name")).isTrue();
        assertThat(access.user(signedIn(carol)).userId()).as("a token that names the user by id, e.g. an OIDC sub").isEqualTo(carol);
        assertThat(adminSession.get("/admin/crm/access?username=carol").body()).as("the administrator's view of it")
                .contains("Sales, Sales EMEA", "Salesman", "EMEA", "<td>all</td><td>team</td><td>own</td><td>no</td><td>no</td>",
                        "Account.phone = read-only");

        DSLContext sql = node.bean(DSLContext.class);
        String other = UUID.randomUUID().toString();
        String mate = UUID.randomUUID().toString();
        Table<?> accounts = testTable(sql, db, "crm_test_account", true, List.of(
                row("own", carol, other), row("created-unassigned", null, carol), row("mate", mate, mate),
                row("other-team", other, other), row("other", other, other), row("assigned-elsewhere", other, carol)));
        Table<?> notes = testTable(sql, db, "crm_test_note", false, List.of(
                row("my-note", null, carol), row("their-note", null, other)));
        sql.insertInto(table(name("crm_entity_team")), field(name("entity_type")), field(name("entity_id")), field(name("team_id")))
                .values("Account", "mate", id(emea)).values("Account", "other-team", UUID.randomUUID().toString())
                .values("Note", "their-note", id(emea)).execute();

        assertThat(ids(sql, accounts, access.condition(user, "Account", Action.READ, accounts)))
                .containsExactlyInAnyOrder("own", "created-unassigned", "mate");
        assertThat(ids(sql, accounts, access.condition(user, "Account", Action.EDIT, accounts)))
                .containsExactlyInAnyOrder("own", "created-unassigned");
        assertThat(ids(sql, accounts, access.condition(user, "Account", Action.DELETE, accounts))).isEmpty();
        assertThat(ids(sql, notes, access.condition(user, "Note", Action.READ, notes))).containsExactly("my-note");
        assertThat(access.permits(user, "Account", Action.READ, new Ownership(mate, mate, Set.of(id(emea))))).isTrue();
        assertThat(access.permits(user, "Account", Action.EDIT, new Ownership(mate, mate, Set.of(id(emea))))).isFalse();
        assertThat(access.permits(user, "Account", Action.EDIT, new Ownership(null, carol, Set.of()))).isTrue();
        assertThat(access.permits(user, "Account", Action.READ, new Ownership(other, carol, Set.of()))).isFalse();

        CrmUser admin = access.user(signedIn("admin", "ROLE_ADMIN"));
        assertThat(admin.administrator()).isTrue();
        assertThat(ids(sql, accounts, access.condition(admin, "Account", Action.DELETE, accounts))).hasSize(6);
        assertThat(access.canEdit(admin, "Account", "phone")).isTrue();

        // taken out of the group: the role and the team go at once, without a restart or a new sign-in
        assertThat(identity.delete("/groups/" + id(emeaSales) + "/members/" + carol).statusCode()).isEqualTo(204);
        CrmUser removed = access.user(signedIn("carol"));
        assertThat(removed.teamIds()).isEmpty();
        assertThat(access.scope(removed, "Account", Action.READ)).isEqualTo(Scope.NO);
        assertThat(ids(sql, accounts, access.condition(removed, "Account", Action.READ, accounts))).isEmpty();
        assertThat(access.scope(user, "Account", Action.READ)).as("a CrmUser made earlier gets today's answer").isEqualTo(Scope.NO);

        // another node maps carol's remaining group: this node sees it through the revision within the check interval
        JsonNode everyone = identity.create("/groups", "{\"name\":\"Everyone\"}");
        assertThat(identity.put("/groups/" + id(everyone) + "/members/" + carol, null).statusCode()).isEqualTo(204);
        assertThat(access.scope(user, "Account", Action.READ)).isEqualTo(Scope.NO);
        sql.transaction(tx -> {
            tx.dsl().insertInto(table(name("crm_group_mapping")), field(name("group_key")), field(name("group_name")), field(name("updated_at")))
                    .values("everyone", "Everyone", 0L).execute();
            tx.dsl().insertInto(table(name("crm_group_role")), field(name("group_key")), field(name("role_id")))
                    .values("everyone", id(salesman)).execute();
            tx.dsl().update(table(name("crm_access_revision"))).set(field(name("revision"), Long.class),
                    field(name("revision"), Long.class).plus(1)).execute();
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (access.scope(user, "Account", Action.READ) != Scope.TEAM && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(access.scope(user, "Account", Action.READ)).isEqualTo(Scope.TEAM);
        assertThat(access.user(signedIn("carol")).teamIds()).as("the team came with the Sales mapping only").isEmpty();
    }

    private static Authentication signedIn(String username, String... roles) {
        List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        for (String role : roles) {
            authorities.add(new SimpleGrantedAuthority(role));
        }
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    private record Row(String id, String assignedUserId, String createdById) {}

    private static Row row(String id, String assignedUserId, String createdById) {
        return new Row(id, assignedUserId, createdById);
    }

    /** An entity table following the record store's conventions, with rows; returned as jOOQ sees it in the catalog. */
    private static Table<?> testTable(DSLContext sql, TestDatabase db, String tableName, boolean assigned, List<Row> rows) {
        sql.execute("CREATE TABLE " + tableName + " (id VARCHAR(36) PRIMARY KEY, created_by_id VARCHAR(36), "
                + (assigned ? "assigned_user_id VARCHAR(36), " : "") + "deleted BOOLEAN NOT NULL DEFAULT FALSE)");
        if (!tablesExist(sql)) {
            sql.execute("CREATE TABLE crm_entity_team (entity_type VARCHAR(100) NOT NULL, entity_id VARCHAR(36) NOT NULL, "
                    + "team_id VARCHAR(36) NOT NULL, PRIMARY KEY (entity_type, entity_id, team_id))");
        }
        for (Row row : rows) {
            var insert = sql.insertInto(table(name(tableName))).set(field(name("id")), row.id()).set(field(name("created_by_id")), row.createdById());
            (assigned ? insert.set(field(name("assigned_user_id")), row.assignedUserId()) : insert).execute();
        }
        String schema = db.kind() == DatabaseKind.POSTGRESQL ? sql.fetchValue(field("current_schema()", String.class)) : null;
        return sql.meta().filterSchemas(s -> schema == null || schema.equals(s.getName())).getTables(tableName).getFirst();
    }

    private static boolean tablesExist(DSLContext sql) {
        try {
            sql.fetchCount(table(name("crm_entity_team")));
            return true;
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException e) {
            return false;
        }
    }

    private static List<String> ids(DSLContext sql, Table<?> table, org.jooq.Condition condition) {
        return sql.select(table.field("id", String.class)).from(table).where(condition).fetch(0, String.class);
    }

    private static String id(JsonNode node) {
        return node.get("id").asString();
    }

    @DatabaseTest
    void theAdminApiAndPagesRefuseBadInputNamingTheFieldAndOnlyAdministratorsGetIn(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        WebSession adminSession = node.session().setUp("admin", PASSWORD);
        JsonClient identity = JsonClient.session(node, adminSession).under("/api/identity/v1");
        JsonClient crm = JsonClient.session(node, adminSession).under("/api/crm/v1");

        assertProblem(crm.post("/roles", "{\"name\":\"Bad\",\"permissions\":{\"Account\":{\"read\":\"everyone\"}}}"), 400,
                "permissions.Account.read");
        assertProblem(crm.post("/roles", "{\"name\":\"Bad\",\"permissions\":{\"Account\":{\"fly\":\"all\"}}}"), 400,
                "permissions.Account.fly");
        assertProblem(crm.post("/roles", "{\"name\":\"Bad\",\"permissions\":{\"account\":{\"read\":\"all\"}}}"), 400,
                "permissions.account");
        assertProblem(crm.post("/roles", "{\"name\":\"Bad\",\"permissions\":{\"Account\":{\"create\":\"own\"}}}"), 400,
                "permissions.Account.create");
        assertProblem(crm.post("/roles", "{\"name\":\"Bad\",\"fields\":{\"Account\":{\"phone\":{\"read\":\"maybe\"}}}}"), 400,
                "fields.Account.phone.read");
        assertProblem(crm.post("/roles", "{\"permissions\":{}}"), 400, "name");
        assertProblem(crm.post("/roles", "[1, 2]"), 400, "body");
        assertThat(crm.post("/roles", "{not json").statusCode()).isEqualTo(400);
        JsonNode custom = crm.create("/roles", "{\"name\":\"Projects\",\"permissions\":{\"CProject\":{\"read\":\"all\"}}}");
        assertThat(custom.at("/permissions/CProject/read").asString()).as("any well-formed entity type name is kept").isEqualTo("all");
        assertThat(crm.post("/roles", "{\"name\":\"projects\"}").statusCode()).isEqualTo(409);
        assertProblem(crm.post("/teams", "{\"name\":\"EMEA\",\"members\":[\"" + UUID.randomUUID() + "\"]}"), 400, "members[0]");
        assertProblem(crm.post("/teams", "{\"name\":\"EMEA\",\"members\":[\"not-an-id\"]}"), 400, "members[0]");
        assertProblem(crm.put("/group-mappings/Sales", "{\"roles\":[\"Projects\",\"Nobody\"]}"), 400, "roles[1]");
        assertProblem(crm.post("/group-mappings", "{\"roles\":[\"Projects\"]}"), 400, "group");
        assertThat(crm.post("/group-mappings", "{\"group\":\"R&D / Labs\",\"roles\":[\"projects\"]}").statusCode()).isEqualTo(200);
        assertThat(JsonClient.json(crm.get("/group-mappings")).at("/0/roles/0/name").asString()).isEqualTo("Projects");
        assertThat(crm.get("/roles/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(crm.withoutCsrf().post("/roles", "{\"name\":\"Sneaky\"}").statusCode()).isEqualTo(403);
        assertThat(JsonClient.anonymous(node).under("/api/crm/v1").get("/roles").statusCode()).isEqualTo(401);

        // the role editor: a matrix of selects, field rules one per line; a bad value comes back as a message
        String roleId = custom.get("id").asString();
        assertThat(adminSession.get("/admin/crm/roles/" + roleId).body()).contains("name=\"scope.Account.read\"", "CProject");
        var saved = adminSession.post("/admin/crm/roles/" + roleId, Map.of("name", "Projects", "scope.Account.read", "team",
                "scope.Account.edit", "own", "scope.CProject.read", "all", "fields", "Account.phone = read-only\nAccount.revenue = hidden"));
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode role = JsonClient.json(crm.get("/roles/" + roleId));
        assertThat(role.at("/permissions/Account/read").asString()).isEqualTo("team");
        assertThat(role.at("/permissions/Account/edit").asString()).isEqualTo("own");
        assertThat(role.at("/fields/Account/phone/edit").asString()).isEqualTo("no");
        assertThat(role.at("/fields/Account/revenue/read").asString()).isEqualTo("no");
        var refused = adminSession.post("/admin/crm/roles/" + roleId, Map.of("name", "Projects", "scope.Account.read", "everyone"));
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/admin/crm/roles/" + roleId);
        assertThat(adminSession.get("/admin/crm/roles/" + roleId).body()).contains("scope.Account.read: must be one of all, team, own, no");
        assertThat(adminSession.post("/admin/crm/teams", Map.of("name", "EMEA")).statusCode()).isEqualTo(302);
        assertThat(adminSession.get("/admin/crm/teams").body()).contains("EMEA");
        assertThat(adminSession.post("/admin/crm/group-mappings", Map.of("group", "Sales", "roleId", roleId)).statusCode()).isEqualTo(302);
        assertThat(adminSession.get("/admin/crm/group-mappings").body()).contains("Sales", "Projects");

        assertThat(adminSession.get("/admin/crm/teams").body()).as("administrators find it in the navigation")
                .contains("href=\"/admin/crm/roles\"");

        // an administrator demoted a moment ago is refused by the API at once, in the same session
        String administrator = "00000000-0000-0000-0000-000000000001";
        String erin = id(identity.create("/users", "{\"username\":\"erin\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(identity.put("/roles/" + administrator + "/assignments/users/" + erin, null).statusCode()).isEqualTo(204);
        JsonClient erinApi = JsonClient.session(node, node.session().signIn("erin", PASSWORD)).under("/api/crm/v1");
        assertThat(erinApi.get("/roles").statusCode()).isEqualTo(200);
        assertThat(identity.delete("/roles/" + administrator + "/assignments/users/" + erin).statusCode()).isEqualTo(204);
        assertThat(erinApi.get("/roles").statusCode()).isEqualTo(403);

        identity.create("/users", "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}");
        WebSession dave = node.session().signIn("dave", PASSWORD);
        assertThat(dave.get("/admin/crm/roles").statusCode()).isEqualTo(403);
        assertThat(JsonClient.session(node, dave).under("/api/crm/v1").get("/roles").statusCode()).isEqualTo(403);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JsonClient.json(response);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).startsWith(field + ":");
    }
}
