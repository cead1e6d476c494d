package dev.holdfast.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reading restic's JSON documents; unknown fields are ignored, as Go does. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IntegrityException("invalid JSON: " + e.getMessage(), e);
        }
    }

    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IntegrityException("JSON field " + field + " is missing");
        }
        return value;
    }

    public static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isBigInteger() ? value.bigIntegerValue().longValue() : value.asLong();
    }

    public static @Nullable Id id(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? null : Id.parse(value);
    }

    public static @Nullable OffsetDateTime time(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : GoTime.parse(value);
    }

    public static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(element -> result.add(element.asText()));
        }
        return result;
    }
}
