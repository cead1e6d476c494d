package dev.holdfast.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reading restic's JSON documents; unknown fields are ignored, as Go does. Small documents (keys, config, snapshots)
 * go through Jackson's tree model; the large and numerous ones (index files, trees) are read token by token with
 * {@link #parser} and the {@code *Value} methods, without building a tree.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

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

    /** A streaming parser over {@code json}; its {@link IOException}s are for {@link #invalid} to turn into errors. */
    public static JsonParser parser(byte[] json) {
        try {
            return FACTORY.createParser(json);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** A streaming parser over {@code json}, which it closes. */
    public static JsonParser parser(java.io.InputStream json) {
        try {
            return FACTORY.createParser(json);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** The error for JSON that does not parse, or whose stream fails (a damaged compressed frame). */
    public static IntegrityException invalid(IOException e) {
        return new IntegrityException((e instanceof com.fasterxml.jackson.core.JsonProcessingException
                ? "invalid JSON: " : "cannot read JSON: ") + e.getMessage(), e);
    }

    /**
     * The current value as a string: {@code null} for JSON null, the text of other scalars (as the tree model's
     * {@code asText} gives it).
     */
    public static @Nullable String textValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == null || !token.isScalarValue()) {
            throw new IntegrityException("JSON field " + parser.currentName() + " is not a string");
        }
        return parser.getText();
    }

    /**
     * The current value as a Go integer: 0 for JSON null, unsigned 64-bit values above {@code Long.MAX_VALUE} as their
     * two's complement (as Go's {@code uint64} is stored here), numeric strings parsed (as the tree model's
     * {@code asLong}).
     */
    public static long longValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().longValue() : parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == null || !token.isScalarValue()) {
            throw new IntegrityException("JSON field " + parser.currentName() + " is not a number");
        }
        return parser.getValueAsLong();
    }

    /** The current value as an ID: {@code null} for JSON null or an empty string. */
    public static @Nullable Id idValue(JsonParser parser) throws IOException {
        String value = textValue(parser);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Id.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IntegrityException("JSON field " + parser.currentName() + " is not an ID: " + value, e);
        }
    }

    /** Moves to the value of the next field of the current object; {@code false} at the object's end. */
    public static boolean nextField(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return false;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw new IntegrityException("invalid JSON: expected a field name, found " + token);
        }
        parser.nextToken();
        return true;
    }

    /** Whether the current value is an array ({@code true}) or JSON null ({@code false}); anything else is an error. */
    public static boolean arrayOrNull(JsonParser parser) {
        return startOrNull(parser, JsonToken.START_ARRAY, "an array");
    }

    /** Whether the current value is an object; JSON null is {@code false}, anything else an error. */
    public static boolean objectOrNull(JsonParser parser) {
        return startOrNull(parser, JsonToken.START_OBJECT, "an object");
    }

    private static boolean startOrNull(JsonParser parser, JsonToken start, String what) {
        JsonToken token = parser.currentToken();
        if (token == start || token == JsonToken.VALUE_NULL) {
            return token == start;
        }
        String name = currentName(parser);
        throw new IntegrityException("invalid JSON: " + (name == null ? "a value" : "field " + name) + " is not "
                + what + " but " + token);
    }

    private static @Nullable String currentName(JsonParser parser) {
        try {
            return parser.currentName();
        } catch (IOException e) {
            return null;
        }
    }
}
