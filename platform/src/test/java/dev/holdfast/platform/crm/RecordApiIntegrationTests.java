package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

class RecordApiIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @DatabaseTest
    void recordsLiveThroughTheEspoCrmShapedApi(TestDatabase db) {
        TestNode node = db.startNode(Map.of());
        List<Object> events = new CopyOnWriteArrayList<>();
        node.context().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
            if (e.getPayload().getClass().getPackageName().equals("dev.holdfast.platform.crm")) {
                events.add(e.getPayload());
            }
        });
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);
        LiveClient live = LiveClient.connect(node, admin);

        JsonNode acme = api.ok(api.post("/api/v1/Account", """
                {"name":"Acme","emailAddress":"info@acme.test","billingAddressCity":"Berlin","type":"Customer",
                 "phoneNumberData":[{"phoneNumber":"+49 30 1234","type":"Office","primary":true}]}"""));
        String acmeId = acme.get("id").asString();
        assertThat(acmeId).hasSize(17);
        assertThat(acme.get("emailAddressData").get(0).get("emailAddress").asString()).isEqualTo("info@acme.test");
        assertThat(acme.get("phoneNumber").asString()).isEqualTo("+49 30 1234");
        assertThat(acme.get("assignedUserName").asString()).isEqualTo("admin");
        assertThat(acme.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(acme.get("versionNumber").asLong()).isEqualTo(1);
        live.subscribe(null, "record/Account/" + acmeId, "record/Account");
        live.awaitType("subscribed");
        JsonNode jane = api.ok(api.post("/api/v1/Contact", "{\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"accountId\":\"" + acmeId
                + "\",\"emailAddress\":\"jane@acme.test\"}"));
        assertThat(jane.get("name").asString()).isEqualTo("Jane Doe");
        assertThat(jane.get("accountName").asString()).as("the link's name comes with the record").isEqualTo("Acme");
        for (String name : List.of("Globex", "Initech", "Umbrella", "Hooli")) {
            api.ok(api.post("/api/v1/Account", "{\"name\":\"" + name + "\",\"type\":\"" + (name.startsWith("H") ? "Partner" : "Customer")
                    + "\",\"billingAddressCity\":\"" + (name.length() > 6 ? "Paris" : "Rome") + "\"}"));
        }

        JsonNode customers = api.ok(api.get("/api/v1/Account", "where[0][type]", "equals", "where[0][attribute]", "type",
                "where[0][value]", "Customer", "orderBy", "name", "order", "asc", "select", "name,type"));
        assertThat(customers.get("total").asLong()).isEqualTo(4);
        assertThat(names(customers)).containsExactly("Acme", "Globex", "Initech", "Umbrella");
        assertThat(customers.get("list").get(0).has("billingAddressCity")).as("only the selected attributes").isFalse();
        JsonNode nested = api.ok(api.get("/api/v1/Account", "where[0][type]", "or",
                "where[0][value][0][type]", "startsWith", "where[0][value][0][attribute]", "name", "where[0][value][0][value]", "Glo",
                "where[0][value][1][type]", "and",
                "where[0][value][1][value][0][type]", "equals", "where[0][value][1][value][0][attribute]", "billingAddressCity",
                "where[0][value][1][value][0][value]", "Paris",
                "where[0][value][1][value][1][type]", "notEquals", "where[0][value][1][value][1][attribute]", "name",
                "where[0][value][1][value][1][value]", "Initech",
                "where[1][type]", "in", "where[1][attribute]", "type", "where[1][value][]", "Customer", "where[1][value][]", "Partner",
                "orderBy", "name", "order", "asc"));
        assertThat(names(nested)).containsExactly("Globex", "Umbrella");
        JsonNode linked = api.ok(api.get("/api/v1/Account", "where[0][type]", "linkedWith", "where[0][attribute]", "contacts",
                "where[0][value][]", jane.get("id").asString()));
        assertThat(names(linked)).containsExactly("Acme");
        assertThat(names(api.ok(api.get("/api/v1/Account", "where[0][type]", "isNotLinked", "where[0][attribute]", "contacts",
                "where[1][type]", "today", "where[1][attribute]", "createdAt", "orderBy", "name", "order", "desc"))))
                .containsExactly("Umbrella", "Initech", "Hooli", "Globex");

        JsonNode first = api.ok(api.get("/api/v1/Account", "maxSize", "2", "offset", "0", "orderBy", "name", "order", "asc"));
        JsonNode third = api.ok(api.get("/api/v1/Account", "maxSize", "2", "offset", "4", "orderBy", "name", "order", "asc"));
        assertThat(names(first)).containsExactly("Acme", "Globex");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(names(third)).containsExactly("Umbrella");
        JsonNode searched = api.ok(api.get("/api/v1/Account", "searchParams", "{\"maxSize\":3,\"orderBy\":\"name\",\"order\":\"asc\","
                + "\"select\":[\"name\"],\"boolFilterList\":[\"onlyMy\"],\"where\":[{\"type\":\"notIn\",\"attribute\":\"name\","
                + "\"value\":[\"Acme\",\"Hooli\"]}]}"));
        assertThat(names(searched)).as("EspoCRM's searchParams JSON form").containsExactly("Globex", "Initech", "Umbrella");
        JsonNode uncounted = api.with("X-No-Total", "true").ok(api.with("X-No-Total", "true").get("/api/v1/Account", "maxSize", "2"));
        assertThat(uncounted.get("total").asLong()).as("not counted, more pages exist").isEqualTo(-1);
        assertThat(uncounted.get("list").size()).isEqualTo(2);

        HttpResponse<String> duplicate = api.post("/api/v1/Account", "{\"name\":\"ACME\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(JsonClient.json(duplicate).get("duplicates").get(0).get("id").asString()).isEqualTo(acmeId);
        api.ok(api.with("X-Skip-Duplicate-Check", "true").post("/api/v1/Account", "{\"name\":\"ACME\"}"));

        JsonNode renamed = api.ok(api.put("/api/v1/Account/" + acmeId, "{\"name\":\"Acme Corp\",\"versionNumber\":1}"));
        assertThat(renamed.get("versionNumber").asLong()).isEqualTo(2);
        live.awaitEvent("record/Account/" + acmeId, "updated");
        HttpResponse<String> stale = api.patch("/api/v1/Account/" + acmeId, "{\"name\":\"Acme Inc\",\"versionNumber\":1}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JsonClient.json(stale).get("versionNumber").asLong()).isEqualTo(2);
        assertThat(api.ok(api.get("/api/v1/Contact/" + jane.get("id").asString())).get("accountName").asString()).isEqualTo("Acme Corp");

        JsonNode john = api.ok(api.post("/api/v1/Contact", "{\"firstName\":\"John\",\"lastName\":\"Roe\"}"));
        assertThat(api.ok(api.post("/api/v1/Account/" + acmeId + "/contacts", "{\"ids\":[\"" + john.get("id").asString() + "\"]}"))
                .asBoolean()).isTrue();
        assertThat(names(api.ok(api.get("/api/v1/Account/" + acmeId + "/contacts", "orderBy", "name", "order", "asc"))))
                .containsExactly("Jane Doe", "John Roe");
        api.ok(api.delete("/api/v1/Account/" + acmeId + "/contacts", "{\"id\":\"" + jane.get("id").asString() + "\"}"));
        assertThat(names(api.ok(api.get("/api/v1/Account/" + acmeId + "/contacts")))).containsExactly("John Roe");
        JsonNode deal = api.ok(api.post("/api/v1/Opportunity", "{\"name\":\"Big deal\",\"amount\":1200.5,\"closeDate\":\"2030-01-31\","
                + "\"accountId\":\"" + acmeId + "\",\"probability\":40}"));
        assertThat(deal.get("amountCurrency").asString()).isEqualTo("USD");
        api.ok(api.post("/api/v1/Opportunity/" + deal.get("id").asString() + "/contacts",
                "{\"id\":\"" + john.get("id").asString() + "\",\"columns\":{\"role\":\"Decision Maker\"}}"));
        JsonNode dealContacts = api.ok(api.get("/api/v1/Opportunity/" + deal.get("id").asString() + "/contacts"));
        assertThat(dealContacts.get("list").get(0).get("opportunityRole").asString()).isEqualTo("Decision Maker");
        api.ok(api.put("/api/v1/Opportunity/" + deal.get("id").asString(), "{\"stage\":\"Proposal\"}"));

        String leadId = api.ok(api.post("/api/v1/Lead", "{\"firstName\":\"Lee\",\"lastName\":\"Lead\",\"accountName\":\"Leadco\"}"))
                .get("id").asString();
        JsonNode converted = api.ok(api.post("/api/v1/Lead/action/convert", "{\"id\":\"" + leadId + "\",\"records\":{"
                + "\"Account\":{\"name\":\"Leadco\"},\"Contact\":{\"firstName\":\"Lee\",\"lastName\":\"Lead\"},"
                + "\"Opportunity\":{\"name\":\"Leadco deal\",\"amount\":10,\"closeDate\":\"2030-06-30\"}}}"));
        assertThat(converted.get("status").asString()).isEqualTo("Converted");
        assertThat(converted.get("createdAccountName").asString()).isEqualTo("Leadco");
        JsonNode leadDeal = api.ok(api.get("/api/v1/Opportunity/" + converted.get("createdOpportunityId").asString()));
        assertThat(leadDeal.get("accountName").asString()).isEqualTo("Leadco");
        assertThat(leadDeal.get("contactsNames").toString()).contains("Lee Lead");
        assertThat(api.post("/api/v1/Lead/action/convert", "{\"id\":\"" + leadId + "\",\"records\":{}}").statusCode())
                .as("a lead converts once").isEqualTo(409);

        assertThat(api.ok(api.delete("/api/v1/Account/" + acmeId, null)).asBoolean()).isTrue();
        assertThat(api.get("/api/v1/Account/" + acmeId).statusCode()).as("a deleted record is gone").isEqualTo(404);
        assertThat(names(api.ok(api.get("/api/v1/Account", "where[0][type]", "equals", "where[0][attribute]", "name",
                "where[0][value]", "Acme Corp")))).isEmpty();
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("crm_account"), org.jooq.impl.DSL.field("id").eq(acmeId)))
                .as("soft delete keeps the row").isEqualTo(1);

        List<String> kinds = new ArrayList<>(events.stream().map(e -> e.getClass().getSimpleName()).distinct().toList());
        assertThat(kinds).contains("RecordCreated", "RecordUpdated", "RecordDeleted", "RecordsRelated", "RecordsUnrelated");
        RecordUpdated stage = events.stream().filter(RecordUpdated.class::isInstance).map(RecordUpdated.class::cast)
                .filter(e -> e.entityType().equals("Opportunity")).findFirst().orElseThrow();
        assertThat(stage.changes().get("stage")).isEqualTo(new RecordUpdated.Change("Prospecting", "Proposal"));
        live.awaitEvent("record/Account", "deleted");
        live.close();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("list").forEach(record -> names.add(record.get("name").asString()));
        return names;
    }

    @DatabaseTest
    void customEntitiesAndFieldsWorkWithoutRestartBadInputIsNamedAndApiKeysAuthenticate(TestDatabase db) throws InterruptedException {
        TestNode node = db.startNode(Map.of());
        WebSession admin = node.session().setUp("admin", PASSWORD);
        JsonClient api = JsonClient.session(node, admin);

        assertThat(api.ok(api.post("/api/v1/EntityManager/action/createEntity", "{\"name\":\"Project\",\"type\":\"Base\"}"))
                .get("name").asString()).isEqualTo("CProject");
        api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"budget\",\"type\":\"currency\"}"));
        api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"phase\",\"type\":\"enum\",\"options\":[\"Plan\",\"Build\",\"Run\"],\"default\":\"Plan\"}"));
        api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"tags\",\"type\":\"multiEnum\",\"options\":[\"eu\",\"us\",\"asia\"]}"));
        api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"code\",\"type\":\"varchar\",\"pattern\":\"[A-Z]{3}-[0-9]+\",\"maxLength\":12}"));
        api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"client\",\"type\":\"link\",\"entity\":\"Account\"}"));
        api.ok(api.post("/api/v1/Admin/fieldManager/Account", "{\"name\":\"tier\",\"type\":\"int\"}"));
        String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\",\"tier\":2}")).get("id").asString();
        JsonNode project = api.ok(api.post("/api/v1/CProject", "{\"name\":\"Rollout\",\"budget\":5000,\"budgetCurrency\":\"EUR\","
                + "\"tags\":[\"eu\",\"asia\"],\"code\":\"ROL-1\",\"clientId\":\"" + acme + "\"}"));
        assertThat(project.get("phase").asString()).isEqualTo("Plan");
        assertThat(project.get("clientName").asString()).isEqualTo("Acme");
        api.ok(api.post("/api/v1/CProject", "{\"name\":\"Audit\",\"tags\":[\"us\"]}"));
        assertThat(api.ok(api.get("/api/v1/CProject", "where[0][type]", "arrayAnyOf", "where[0][attribute]", "tags",
                "where[0][value][]", "asia")).get("list").get(0).get("name").asString()).isEqualTo("Rollout");
        assertThat(api.ok(api.get("/api/v1/Account/" + acme + "/cProjectClientOf")).get("total").asLong()).isEqualTo(1);
        assertThat(api.ok(api.get("/api/v1/Account", "where[0][type]", "greaterThan", "where[0][attribute]", "tier",
                "where[0][value]", "1")).get("total").asLong()).isEqualTo(1);
        admin.get("/admin/crm/entities"); // the page first, as a browser: signs in to the administration's application
        assertThat(admin.post("/admin/crm/fields", Map.of("entityType", "CProject", "name", "startsOn", "type", "date"))
                .statusCode()).as("the Entity Manager page adds a field").isEqualTo(302);
        assertThat(admin.get("/admin/crm/entities").body()).contains("CProject").contains("startsOn");
        assertThat(admin.post("/admin/crm/fields", Map.of("entityType", "CProject", "name", "x y", "type", "date")).statusCode())
                .isEqualTo(400);
        assertThat(api.ok(api.patch("/api/v1/CProject/" + project.get("id").asString(), "{\"startsOn\":\"2026-04-01\"}"))
                .get("startsOn").asString()).isEqualTo("2026-04-01");
        JsonNode metadata = api.ok(api.get("/api/v1/Metadata"));
        assertThat(metadata.get("entityDefs").get("CProject").get("fields").get("phase").get("type").asString()).isEqualTo("enum");
        assertThat(api.ok(api.get("/api/v1/openapi.json")).get("paths").has("/CProject/{id}")).isTrue();

        if (db.kind() == DatabaseKind.POSTGRESQL) {
            try (TestNode second = db.startNode(Map.of())) {
                JsonClient there = api.on(second);
                assertThat(there.ok(there.get("/api/v1/CProject")).get("total").asLong()).isEqualTo(2);
                api.ok(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"late\",\"type\":\"int\"}"));
                Thread.sleep(600); // a node looks at the metadata revision at most every 500 ms
                assertThat(there.ok(there.post("/api/v1/CProject", "{\"name\":\"Elsewhere\",\"late\":3}")).get("late").asLong())
                        .as("another node uses a field added on this one, without a restart").isEqualTo(3);
            }
        }

        assertBadInput(api.get("/api/v1/Nothing"), "entityType");
        assertBadInput(api.get("/api/v1/Account", "where[0][type]", "equals", "where[0][attribute]", "nope", "where[0][value]", "x"), "where[0][attribute]");
        assertBadInput(api.get("/api/v1/Account", "where[0][type]", "sortOf", "where[0][attribute]", "name"), "where[0][type]");
        assertBadInput(api.get("/api/v1/Account", "where[0][type]", "greaterThan", "where[0][attribute]", "tier", "where[0][value]", "many"), "where[0][value]");
        assertBadInput(api.get("/api/v1/Account", "where[0][type]", "or", "where[0][value][0][type]", "lastXDays",
                "where[0][value][0][attribute]", "createdAt", "where[0][value][0][value]", "-3"), "where[0][value][0][value]");
        assertBadInput(api.get("/api/v1/Account", "maxSize", "201"), "maxSize");
        assertBadInput(api.get("/api/v1/Account", "orderBy", "nope"), "orderBy");
        assertBadInput(api.get("/api/v1/Account", "select", "name,nope"), "select");
        assertBadInput(api.post("/api/v1/Account", "{\"name\":\"X\",\"nope\":1}"), "nope");
        assertBadInput(api.post("/api/v1/Account", "{\"name\":\"X\",\"tier\":\"high\"}"), "tier");
        assertBadInput(api.post("/api/v1/Account", "{\"name\":\"X\",\"type\":\"Alien\"}"), "type");
        assertBadInput(api.post("/api/v1/Account", "{\"type\":\"Customer\"}"), "name");
        assertBadInput(api.post("/api/v1/Account", "{\"name\":\"" + "x".repeat(300) + "\"}"), "name");
        assertBadInput(api.post("/api/v1/Account", "{\"name\":\"" + "x".repeat(300_000) + "\"}"), "body");
        assertBadInput(api.post("/api/v1/Account", "{\"name\": "), "body");
        assertBadInput(api.post("/api/v1/Contact", "{\"lastName\":\"Doe\",\"accountId\":\"nosuchaccount\"}"), "accountId");
        assertBadInput(api.post("/api/v1/CProject", "{\"name\":\"Y\",\"code\":\"lowercase\"}"), "code");
        assertBadInput(api.post("/api/v1/CProject", "{\"name\":\"Y\",\"tags\":[\"mars\"]}"), "tags");
        assertBadInput(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"drop table\",\"type\":\"varchar\"}"), "name");
        assertBadInput(api.post("/api/v1/Admin/fieldManager/CProject", "{\"name\":\"size\",\"type\":\"blob\"}"), "type");
        assertThat(api.get("/api/v1/Account/0123456789abcdefg").statusCode()).isEqualTo(404);
        assertThat(api.with("X-CSRF-TOKEN", "wrong").post("/api/v1/Account", "{\"name\":\"Z\"}").statusCode()).isEqualTo(403);

        String robot = json(admin.get("/"), node, api, "/api/identity/v1/service-accounts", "{\"name\":\"crm-sync\"}");
        String token = json(null, node, api, "/api/identity/v1/service-accounts/" + robot + "/tokens", "{\"name\":\"sync\"}", "token");
        // like a person, a service account reaches records through a CRM role its group is mapped to
        JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
        JsonClient roles = JsonClient.session(node, admin).under("/api/crm/v1");
        String robots = identity.create("/groups", "{\"name\":\"robots\"}").get("id").asString();
        assertThat(identity.put("/groups/" + robots + "/members/" + robot, null).statusCode()).isEqualTo(204);
        roles.create("/roles", "{\"name\":\"Sync\",\"permissions\":{\"Account\":{\"create\":\"yes\",\"read\":\"all\"}}}");
        assertThat(roles.put("/group-mappings/robots", "{\"roles\":[\"Sync\"]}").statusCode() / 100).isEqualTo(2);
        JsonClient key = JsonClient.apiKey(node, token);
        HttpResponse<String> byKey = key.get("/api/v1/Account", "select", "name");
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(byKey.headers().allValues("Set-Cookie")).as("stateless").isEmpty();
        assertThat(key.ok(key.post("/api/v1/Account", "{\"name\":\"Made by a robot\"}")).get("createdByName").asString())
                .as("no CSRF for API keys").isNotBlank();
        HttpResponse<String> wrong = JsonClient.apiKey(node, token + "x").get("/api/v1/Account");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(key.post("/api/v1/Admin/fieldManager/Account", "{\"name\":\"sneaky\",\"type\":\"int\"}").statusCode())
                .as("only administrators change the metadata").isEqualTo(403);
    }

    private static String json(Object ignored, TestNode node, JsonClient api, String path, String body) {
        return json(ignored, node, api, path, body, "id");
    }

    private static String json(Object ignored, TestNode node, JsonClient api, String path, String body, String member) {
        HttpResponse<String> response = api.post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonClient.json(response).get(member).asString();
    }

    private static void assertBadInput(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.request().uri() + " " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JsonClient.json(response).get("field").asString()).isEqualTo(field);
    }
}
