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
        return Map.of("openapi", "3.1.0",
                "info", Map.of("title", "Holdfast CRM API", "version", String.valueOf(metadata.revision())),
                "servers", List.of(Map.of("url", "/api/v1")),
                "security", List.of(Map.of("apiKey", List.of()), Map.of("session", List.of())),
                "paths", paths,
                "components", Map.of("schemas", schemas, "securitySchemes", Map.of(
                        "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"),
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
