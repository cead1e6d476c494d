package dev.holdfast.platform.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * EspoCRM's export and mass actions, text filters that ignore case on both databases, and the bad input and access
 * rules around them, over HTTP against a running node.
 */
class CrmBulkApiIntegrationTests {

    private static final String PASSWORD = CrmPeople.PASSWORD;

    @DatabaseTest
    void textFiltersIgnoreCaseOnEveryDatabase(TestDatabase db) {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient api = JsonClient.session(node, admin);
            for (String name : List.of("Acme Corp", "acme labs", "ACME Mining", "Globex", "Initech", "50% Off_Shop")) {
                api.ok(api.with("X-Skip-Duplicate-Check", "true").post("/api/v1/Account", "{\"name\":\"" + name + "\"}"));
            }
            assertThat(filter(api, "contains", "acme")).containsExactlyInAnyOrder("ACME Mining", "Acme Corp", "acme labs");
            assertThat(filter(api, "startsWith", "ACME ")).containsExactlyInAnyOrder("ACME Mining", "Acme Corp", "acme labs");
            assertThat(filter(api, "startsWith", "acme m")).containsExactlyInAnyOrder("ACME Mining");
            assertThat(filter(api, "endsWith", "CORP")).containsExactlyInAnyOrder("Acme Corp");
            assertThat(filter(api, "like", "%LAB_")).containsExactlyInAnyOrder("acme labs");
            assertThat(filter(api, "notContains", "aCmE")).containsExactlyInAnyOrder("50% Off_Shop", "Globex", "Initech");
            assertThat(filter(api, "notLike", "a%")).containsExactlyInAnyOrder("50% Off_Shop", "Globex", "Initech");
            assertThat(filter(api, "contains", "% off_")).as("% and _ are literal in contains").containsExactlyInAnyOrder("50% Off_Shop");
            assertThat(filter(api, "contains", "50_")).isEmpty();
            assertThat(names(api.ok(api.get("/api/v1/Account", "where[0][type]", "textFilter", "where[0][value]", "acme",
                    "orderBy", "name", "order", "asc")))).as("EspoCRM's text search: starts with, any case")
                    .containsExactlyInAnyOrder("ACME Mining", "Acme Corp", "acme labs");
            assertThat(names(api.ok(api.get("/api/v1/Account", "where[0][type]", "textFilter", "where[0][value]", "*MINING"))))
                    .as("* matches anything").containsExactlyInAnyOrder("ACME Mining");
            HttpResponse<String> empty = api.get("/api/v1/Account", "where[0][type]", "textFilter", "where[0][value]", "");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(JsonClient.json(empty).get("field").asString()).isEqualTo("where[0][value]");
        }
    }

    @DatabaseTest
    void exportsAndMassActionsKeepToWhatTheUserMayDo(TestDatabase db) {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient api = JsonClient.session(node, admin);
            JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
            JsonClient crm = JsonClient.session(node, admin).under("/api/crm/v1");
            String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\",\"website\":\"https://acme.test\",\"type\":\"Customer\"}"))
                    .get("id").asString();
            api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme Labs\",\"type\":\"Customer\",\"description\":\"line one\\nline \\\"two\\\", three\"}"));
            api.ok(api.post("/api/v1/Account", "{\"name\":\"=HYPERLINK(\\\"http://evil\\\")\",\"type\":\"Partner\"}"));
            for (int i = 0; i < 450; i++) { // more than two chunks
                api.ok(api.with("X-Skip-Duplicate-Check", "true").post("/api/v1/Account", "{\"name\":\"Bulk " + i + "\",\"type\":\"Reseller\"}"));
            }

            // dave may read, edit and delete only his own accounts, and never sees their website
            String dave = identity.create("/users", "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\"}").get("id").asString();
            String group = identity.create("/groups", "{\"name\":\"sales\"}").get("id").asString();
            assertThat(identity.put("/groups/" + group + "/members/" + dave, null).statusCode()).isEqualTo(204);
            crm.create("/roles", """
                    {"name": "Sales", "permissions": {"Account": {"create": "yes", "read": "own", "edit": "own", "delete": "own"},
                                                  "Contact": {"create": "yes", "read": "own"}},
                     "fields": {"Account": {"website": {"read": "no", "edit": "no"}}}}""");
            assertThat(crm.put("/group-mappings/sales", "{\"roles\":[\"Sales\"]}").statusCode() / 100).isEqualTo(2);
            JsonClient asDave = JsonClient.session(node, node.session().signIn("dave", PASSWORD));
            String davesId = asDave.ok(asDave.post("/api/v1/Account", "{\"name\":\"Dave's Shop\",\"type\":\"Customer\"}")).get("id").asString();

            HttpResponse<String> hiddenLink = asDave.post("/api/v1/Contact", "{\"lastName\":\"Doe\",\"accountId\":\"" + acme + "\"}");
            assertBadInput(hiddenLink, "accountId");
            assertThat(JsonClient.json(hiddenLink).toString()).as("the same answer as for a missing account").doesNotContain("Acme")
                    .isEqualTo(JsonClient.json(asDave.post("/api/v1/Contact", "{\"lastName\":\"Doe\",\"accountId\":\"0123456789abcdefg\"}"))
                            .toString().replace("0123456789abcdefg", acme));
            assertThat(asDave.ok(asDave.post("/api/v1/Contact", "{\"lastName\":\"Doe\",\"accountId\":\"" + davesId + "\"}"))
                    .get("accountName").asString()).isEqualTo("Dave's Shop");
            assertThat(asDave.get("/api/v1/Account/" + acme).statusCode()).as("unreadable: like a missing one").isEqualTo(404);
            assertThat(asDave.get("/api/v1/Account/" + acme + "/contacts").statusCode()).isEqualTo(404);

            // export: EspoCRM's body, CSV streamed, where[] and access inside the SQL, unreadable fields left out
            HttpResponse<String> csv = api.post("/api/v1/Export", """
                    {"entityType": "Account", "format": "csv", "attributeList": ["name", "type", "website", "description"],
                     "where": [{"type": "in", "attribute": "type", "value": ["Customer", "Partner"]}]}""");
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("Account.csv");
            List<String> lines = csv.body().lines().toList();
            assertThat(lines.getFirst()).isEqualTo("id,name,type,website,description");
            assertThat(csv.body()).contains(acme + ",Acme,Customer,https://acme.test,\r\n")
                    .as("quoted as RFC 4180 says").contains(",\"line one\nline \"\"two\"\", three\"\r\n")
                    .as("a formula stays text").contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",Partner,")
                    .contains(davesId + ",Dave's Shop,Customer,,");
            assertThat(csv.body().split("\r\n")).hasSize(5);
            HttpResponse<String> all = api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"fieldList\":[\"name\"]}");
            assertThat(all.body().split("\r\n")).as("header + every account, over several chunks").hasSize(1 + 454);
            assertThat(all.body().split("\r\n")[0]).isEqualTo("id,name");
            HttpResponse<String> davesCsv = asDave.post("/api/v1/Export", "{\"entityType\":\"Account\"}");
            assertThat(davesCsv.statusCode()).as(davesCsv.body()).isEqualTo(200);
            assertThat(davesCsv.body().split("\r\n")).as("only what dave may read").hasSize(2);
            assertThat(davesCsv.body().split("\r\n")[0]).contains("name").doesNotContain("website");
            assertThat(davesCsv.body()).contains("Dave's Shop").doesNotContain("Acme");
            assertThat(asDave.post("/api/v1/Export", "{\"entityType\":\"Account\",\"ids\":[\"" + acme + "\"]}").body()
                    .split("\r\n")).as("ids dave may not read are left out").hasSize(1);
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"format\":\"pdf\"}"), "format");
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Nothing\"}"), "entityType");
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"attributeList\":[\"nope\"]}"), "attributeList");
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"where\":[{\"type\":\"sortOf\"}]}"), "where[0][type]");
            assertThat(asDave.post("/api/v1/Export", "{\"entityType\":\"Account\",\"where\":[{\"type\":\"isNotNull\","
                    + "\"attribute\":\"website\"}]}").statusCode()).as("no filtering on a field dave may not read").isEqualTo(403);

            JsonNode openApi = api.ok(api.get("/api/v1/openapi.json"));
            assertThat(openApi.get("paths").has("/Export")).isTrue();
            assertThat(openApi.get("paths").get("/MassAction").get("post").get("requestBody").toString()).contains("update", "delete");
            assertThat(openApi.get("components").get("securitySchemes").has("hmac")).isTrue();

            // mass update and delete: over a where or ids, access per record inside the SQL, counts
            JsonNode updated = api.ok(api.post("/api/v1/MassAction", """
                    {"entityType": "Account", "action": "update", "params": {"where": [{"type": "startsWith", "attribute": "name", "value": "bulk"}]},
                     "data": {"type": "Investor", "versionNumber": 1}}"""));
            assertThat(updated.get("count").asInt()).isEqualTo(450);
            assertThat(api.ok(api.get("/api/v1/Account", "where[0][type]", "equals", "where[0][attribute]", "type",
                    "where[0][value]", "Investor")).get("total").asLong()).isEqualTo(450);
            JsonNode davesUpdate = asDave.ok(asDave.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"update\","
                    + "\"params\":{\"ids\":[\"" + acme + "\",\"" + davesId + "\"]},\"data\":{\"type\":\"Partner\"}}"));
            assertThat(davesUpdate.get("count").asInt()).as("only his own").isEqualTo(1);
            assertThat(davesUpdate.get("ids").toString()).contains(davesId).doesNotContain(acme);
            assertThat(api.ok(api.get("/api/v1/Account/" + acme)).get("type").asString()).isEqualTo("Customer");
            assertThat(asDave.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"update\","
                    + "\"params\":{\"ids\":[\"" + davesId + "\"]},\"data\":{\"website\":\"https://x.test\"}}").statusCode())
                    .as("a field he may not edit").isEqualTo(403);
            JsonNode davesDelete = asDave.ok(asDave.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"delete\","
                    + "\"params\":{\"where\":[]}}"));
            assertThat(davesDelete.get("count").asInt()).isEqualTo(1);
            assertThat(asDave.get("/api/v1/Account/" + davesId).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/v1/Account/" + acme).statusCode()).as("others' records stay").isEqualTo(200);
            JsonNode deleted = api.ok(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"delete\","
                    + "\"params\":{\"searchParams\":{\"where\":[{\"type\":\"equals\",\"attribute\":\"type\",\"value\":\"Investor\"}]}}}"));
            assertThat(deleted.get("count").asInt()).isEqualTo(450);
            assertThat(deleted.get("ids").size()).isEqualTo(450);
            assertThat(api.ok(api.get("/api/v1/Account")).get("total").asLong()).isEqualTo(3);

            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"explode\",\"params\":{\"ids\":[\"" + acme + "\"]}}"), "action");
            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"delete\"}"), "params");
            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"delete\",\"params\":{\"ids\":[\"../x\"]}}"), "params.ids");
            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"update\",\"params\":{\"ids\":[\"" + acme + "\"]},"
                    + "\"data\":{\"nope\":1}}"), "nope");
            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"update\",\"params\":{\"ids\":[\"" + acme + "\"]},"
                    + "\"data\":{\"type\":\"Alien\"}}"), "type");
            assertBadInput(api.post("/api/v1/MassAction", "[1,2]"), "body");
            assertThat(api.ok(api.get("/api/v1/Account/" + acme)).get("type").asString()).as("nothing changed by refused actions")
                    .isEqualTo("Customer");
        }
    }

    @DatabaseTest
    void xlsxExportsKeepFormulasAsTextAndBigExportsAndMassActionsRunAsJobsOfTheirOwner(TestDatabase db) throws Exception {
        try (TestNode node = db.startNode(Map.of())) {
            WebSession admin = node.session().setUp("admin", PASSWORD);
            JsonClient api = JsonClient.session(node, admin);
            String acme = api.ok(api.post("/api/v1/Account", "{\"name\":\"Acme\",\"website\":\"https://acme.test\",\"type\":\"Customer\"}"))
                    .get("id").asString();
            api.ok(api.post("/api/v1/Account", "{\"name\":\"=HYPERLINK(\\\"http://evil\\\")\",\"type\":\"Partner\"}"));
            for (int i = 0; i < 250; i++) { // more than one chunk
                api.ok(api.with("X-Skip-Duplicate-Check", "true").post("/api/v1/Account", "{\"name\":\"Bulk " + i + "\",\"type\":\"Reseller\"}"));
            }
            CrmPeople.withRole(node, admin, "dave", "{\"Account\": {\"create\": \"yes\", \"read\": \"own\", \"edit\": \"own\"}}");
            JsonClient asDave = JsonClient.session(node, node.session().signIn("dave", PASSWORD));
            asDave.ok(asDave.post("/api/v1/Account", "{\"name\":\"Dave's Shop\",\"type\":\"Customer\"}"));

            // XLSX in the request, as EspoCRM's format: read back with POI; a formula-like name is a text cell
            HttpResponse<byte[]> xlsx = api.bytes("POST", "/api/v1/Export", """
                    {"entityType": "Account", "format": "xlsx", "attributeList": ["name", "type", "website"],
                     "where": [{"type": "in", "attribute": "type", "value": ["Customer", "Partner"]}]}""");
            assertThat(xlsx.statusCode()).as(new String(xlsx.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("Account.xlsx");
            List<List<String>> rows = sheet(xlsx.body());
            assertThat(rows.getFirst()).containsExactly("id", "name", "type", "website");
            assertThat(rows).hasSize(1 + 3).contains(List.of(acme, "Acme", "Customer", "https://acme.test"));
            assertThat(rows.stream().map(row -> row.get(1))).as("kept as the text it is, not run and not prefixed")
                    .contains("=HYPERLINK(\"http://evil\")", "Dave's Shop");
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"format\":\"pdf\"}"), "format");

            // runInIdleProcess: a job; its file is an attachment only the asker may download
            String exportId = api.ok(api.post("/api/v1/Export", """
                    {"entityType": "Account", "format": "xlsx", "fieldList": ["name"], "runInIdleProcess": true}""")).get("exportId").asString();
            JsonNode export = finished(api, "/api/v1/Export/" + exportId + "/status");
            assertThat(export.get("status").asString()).as(export.toString()).isEqualTo("Success");
            assertThat(export.get("count").asInt()).isEqualTo(253);
            HttpResponse<byte[]> file = api.bytes("GET", "/api/v1/Attachment/file/" + export.get("attachmentId").asString(), null);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(sheet(file.body())).hasSize(1 + 253);
            assertThat(asDave.get("/api/v1/Export/" + exportId + "/status").statusCode()).as("another user's export").isEqualTo(404);
            assertThat(asDave.bytes("GET", "/api/v1/Attachment/file/" + export.get("attachmentId").asString(), null).statusCode())
                    .as("another user's export file").isEqualTo(404);
            String davesExport = asDave.ok(asDave.post("/api/v1/Export", "{\"entityType\":\"Account\",\"runInIdleProcess\":true}"))
                    .get("exportId").asString();
            JsonNode daves = finished(asDave, "/api/v1/Export/" + davesExport + "/status");
            assertThat(daves.get("count").asInt()).as("the job exports what its owner may read").isEqualTo(1);
            String davesCsv = new String(asDave.bytes("GET", "/api/v1/Attachment/file/" + daves.get("attachmentId").asString(), null).body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(davesCsv).contains("Dave's Shop").doesNotContain("Acme");

            // idle mass actions: a job each; a refused change fails the job with the refusal's text
            String update = api.ok(api.post("/api/v1/MassAction", """
                    {"entityType": "Account", "action": "update", "idle": true,
                     "params": {"where": [{"type": "startsWith", "attribute": "name", "value": "Bulk"}]}, "data": {"type": "Investor"}}"""))
                    .get("id").asString();
            JsonNode updated = finished(api, "/api/v1/MassAction/" + update + "/status");
            assertThat(updated.get("status").asString()).as(updated.toString()).isEqualTo("Success");
            assertThat(updated.get("count").asInt()).isEqualTo(250);
            assertThat(api.ok(api.get("/api/v1/Account", "where[0][type]", "equals", "where[0][attribute]", "type",
                    "where[0][value]", "Investor")).get("total").asLong()).isEqualTo(250);
            String refused = api.ok(api.post("/api/v1/MassAction", """
                    {"entityType": "Account", "action": "update", "idle": true, "params": {"ids": ["%s"]}, "data": {"type": "Alien"}}"""
                    .formatted(acme))).get("id").asString();
            JsonNode failed = finished(api, "/api/v1/MassAction/" + refused + "/status");
            assertThat(failed.get("status").asString()).isEqualTo("Failed");
            assertThat(failed.get("message").asString()).contains("type");
            String delete = api.ok(api.post("/api/v1/MassAction", """
                    {"entityType": "Account", "action": "delete", "idle": true,
                     "params": {"searchParams": {"where": [{"type": "equals", "attribute": "type", "value": "Investor"}]}}}""")).get("id").asString();
            assertThat(finished(api, "/api/v1/MassAction/" + delete + "/status").get("count").asInt()).isEqualTo(250);
            assertThat(api.ok(api.get("/api/v1/Account")).get("total").asLong()).isEqualTo(3);

            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Account\",\"runInIdleProcess\":\"yes\"}"), "runInIdleProcess");
            assertBadInput(api.post("/api/v1/Export", "{\"entityType\":\"Nothing\",\"runInIdleProcess\":true}"), "entityType");
            assertBadInput(api.post("/api/v1/MassAction", "{\"entityType\":\"Account\",\"action\":\"delete\",\"idle\":true}"), "params");
            assertThat(api.get("/api/v1/Export/" + update + "/status").statusCode()).as("a mass action is no export").isEqualTo(404);
            assertThat(api.get("/api/v1/MassAction/nope/status").statusCode()).isEqualTo(404);
        }
    }

    /** Polls a job's status until it is Success or Failed (jobs start at once, but the machine may be busy). */
    private static JsonNode finished(JsonClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode status = api.ok(api.get(path));
            if (List.of("Success", "Failed").contains(status.get("status").asString())) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not finished in 30 s: " + status);
            }
            Thread.sleep(50);
        }
    }

    /** The first sheet's cells as text, read with POI; fails on any formula cell. */
    private static List<List<String>> sheet(byte[] xlsx) throws java.io.IOException {
        List<List<String>> rows = new ArrayList<>();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            for (var row : book.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    var cell = row.getCell(i);
                    if (cell == null) {
                        cells.add("");
                        continue;
                    }
                    assertThat(cell.getCellType()).as("cell " + cell.getAddress()).isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA);
                    cells.add(cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> filter(JsonClient api, String type, String value) {
        return names(api.ok(api.get("/api/v1/Account", "where[0][type]", type, "where[0][attribute]", "name",
                "where[0][value]", value, "orderBy", "name", "order", "asc")));
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("list").forEach(record -> names.add(record.get("name").asString()));
        return names;
    }

    private static void assertBadInput(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.request().uri() + " " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(JsonClient.json(response).get("field").asString()).isEqualTo(field);
    }
}
