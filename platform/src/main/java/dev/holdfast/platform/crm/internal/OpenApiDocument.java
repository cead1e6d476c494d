package dev.holdfast.platform.crm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An OpenAPI 3.1 document of the record API, made from the current metadata (so custom entities appear at once). */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static Map<String, Object> of(Metadata metadata) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new LinkedHashMap<>();
        for (EntityDef entity : metadata.all()) {
            String ref = "#/components/schemas/" + entity.name();
            Map<String, Object> record = Map.of("content", Map.of("application/json", Map.of("schema", Map.of("$ref", ref))));
            Map<String, Object> page = Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object",
                    "properties", Map.of("total", Map.of("type", "integer"), "list", Map.of("type", "array", "items", Map.of("$ref", ref)))))));
            List<Map<String, Object>> listParameters = List.of(query("maxSize", "integer"), query("offset", "integer"),
                    query("orderBy", "string"), query("order", "string"), query("select", "string"));
            paths.put("/" + entity.name(), Map.of(
                    "get", Map.of("summary", "List " + entity.name() + " records", "parameters", listParameters,
                            "responses", Map.of("200", page)),
                    "post", Map.of("summary", "Create a " + entity.name() + " record", "requestBody", record,
                            "responses", Map.of("200", record, "409", Map.of("description", "Duplicates found")))));
            Map<String, Object> idParameter = Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string"));
            paths.put("/" + entity.name() + "/{id}", Map.of("parameters", List.of(idParameter),
                    "get", Map.of("responses", Map.of("200", record, "404", Map.of("description", "Not found"))),
                    "put", Map.of("requestBody", record, "responses", Map.of("200", record, "409", Map.of("description", "Version conflict"))),
                    "patch", Map.of("requestBody", record, "responses", Map.of("200", record)),
                    "delete", Map.of("responses", Map.of("200", Map.of("description", "Deleted")))));
            Map<String, Object> properties = new LinkedHashMap<>();
            entity.attributes().values().forEach(attribute -> properties.put(attribute.name(), schema(attribute)));
            schemas.put(entity.name(), Map.of("type", "object", "properties", properties));
        }
        Map<String, Object> selection = Map.of("entityType", Map.of("type", "string", "enum",
                metadata.all().stream().map(EntityDef::name).toList()), "ids", Map.of("type", "array", "items", Map.of("type", "string")),
                "where", Map.of("type", "array", "items", Map.of("type", "object")),
                "searchParams", Map.of("type", "object"));
        Map<String, Object> exportBody = new LinkedHashMap<>(selection);
        exportBody.put("format", Map.of("type", "string", "enum", List.of("csv", "xlsx")));
        exportBody.put("runInIdleProcess", Map.of("type", "boolean", "description", "run as a job: answers {exportId}"));
        exportBody.put("attributeList", Map.of("type", "array", "items", Map.of("type", "string")));
        exportBody.put("fieldList", Map.of("type", "array", "items", Map.of("type", "string")));
        Map<String, Object> problem = Map.of("description", "Bad input (problem details naming the field)");
        Map<String, Object> jobStatus = Map.of("get", Map.of("summary", "How a job of the caller's went: status Pending, Running,"
                        + " Success or Failed (message), count, and an export's attachmentId (GET /Attachment/file/{id})",
                "parameters", List.of(Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string"))),
                "responses", Map.of("200", Map.of("description", "The job's status"), "404", Map.of("description", "No such job of the caller's"))));
        paths.put("/Export/{id}/status", jobStatus);
        paths.put("/MassAction/{id}/status", jobStatus);
        paths.put("/Export", Map.of("post", Map.of("summary", "Export the selected records the caller may read (CSV or XLSX, streamed; or as a job)",
                "requestBody", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object",
                        "required", List.of("entityType"), "properties", exportBody)))),
                "responses", Map.of("200", Map.of("content", Map.of("text/csv", Map.of("schema", Map.of("type", "string")))), "400", problem))));
        paths.put("/MassAction", Map.of("post", Map.of("summary", "Update or delete the selected records the caller may edit or delete",
                "requestBody", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object",
                        "required", List.of("entityType", "action", "params"), "properties", Map.of(
                                "entityType", selection.get("entityType"),
                                "action", Map.of("type", "string", "enum", List.of("update", "delete")),
                                "params", Map.of("type", "object", "properties", Map.of("ids", selection.get("ids"),
                                        "where", selection.get("where"), "searchParams", selection.get("searchParams"))),
                                "data", Map.of("type", "object"),
                                "idle", Map.of("type", "boolean", "description", "run as a job: answers {id}")))))),
                "responses", Map.of("200", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object",
                        "properties", Map.of("count", Map.of("type", "integer"), "ids", selection.get("ids")))))), "400", problem))));
        return Map.of("openapi", "3.1.0",
                "info", Map.of("title", "Holdfast CRM API", "version", String.valueOf(metadata.revision())),
                "servers", List.of(Map.of("url", "/api/v1")),
                "security", List.of(Map.of("apiKey", List.of()), Map.of("bearer", List.of()), Map.of("hmac", List.of()),
                        Map.of("session", List.of())),
                "paths", paths,
                "components", Map.of("schemas", schemas, "securitySchemes", Map.of(
                        "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"),
                        "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT (Holdfast's OIDC provider) or a service account token"),
                        "hmac", Map.of("type", "apiKey", "in", "header", "name", "X-Hmac-Authorization",
                                "description", "base64(apiKey ':' hex(HMAC-SHA256(METHOD ' /' path-after-/api/v1/, secretKey)))"),
                        "session", Map.of("type", "apiKey", "in", "cookie", "name", "SESSION"))));
    }

    private static Map<String, Object> query(String name, String type) {
        return Map.of("name", name, "in", "query", "schema", Map.of("type", type));
    }

    private static Map<String, Object> schema(Attribute attribute) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (attribute.kind()) {
            case LONG -> schema.put("type", "integer");
            case DOUBLE -> schema.put("type", "number");
            case BOOL -> schema.put("type", "boolean");
            case DATE -> schema.putAll(Map.of("type", "string", "format", "date"));
            case DATETIME -> schema.putAll(Map.of("type", "string", "pattern", "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"));
            case JSON_LIST, LINK_IDS -> schema.putAll(Map.of("type", "array", "items", Map.of("type", "string")));
            case JSON_DATA -> schema.putAll(Map.of("type", "array", "items", Map.of("type", "object")));
            case LINK_NAMES -> schema.putAll(Map.of("type", "object", "readOnly", true));
            case LINK_NAME, PARENT_NAME -> schema.putAll(Map.of("type", "string", "readOnly", true));
            default -> schema.put("type", "string");
        }
        FieldDef field = attribute.field();
        if (!field.options().isEmpty() && attribute.kind() == Attribute.Kind.STRING) {
            schema.put("enum", field.options());
        }
        if (field.readOnly()) {
            schema.put("readOnly", true);
        }
        return schema;
    }
}
