package dev.holdfast.platform.crm.internal;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON of stored definitions and list columns. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static Map<String, Object> readMap(String json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    static List<Object> readList(String json) {
        return MAPPER.readValue(json, new TypeReference<List<Object>>() {});
    }
}
