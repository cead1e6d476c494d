package dev.holdfast.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Trees as restic 0.14 serialises them: {@code {"nodes":[...]}} plus a newline, node fields in Go struct order, names
 * Go-quoted, {@code content} always present ({@code []} for empty files, {@code null} for non-files).
 */
public final class TreeJson {

    private TreeJson() {}

    public static byte[] encode(Tree tree) {
        GoJsonWriter json = new GoJsonWriter().beginObject().name("nodes").beginArray();
        for (Node node : tree.nodes()) {
            writeNode(json, node);
        }
        json.endArray().endObject();
        byte[] body = json.toBytes();
        byte[] result = java.util.Arrays.copyOf(body, body.length + 1);
        result[body.length] = '\n';
        return result;
    }

    private static void writeNode(GoJsonWriter json, Node node) {
        json.beginObject().field("name", GoStrings.quote(node.name())).field("type", node.type().json());
        if (node.mode() != 0) {
            json.name("mode").unsignedValue(Integer.toUnsignedLong(node.mode()));
        }
        json.field("mtime", GoTime.format(node.mtime()))
                .field("atime", GoTime.format(node.atime()))
                .field("ctime", GoTime.format(node.ctime()))
                .name("uid").unsignedValue(node.uid())
                .name("gid").unsignedValue(node.gid());
        optional(json, "user", node.user());
        optional(json, "group", node.group());
        optional(json, "inode", node.inode());
        optional(json, "device_id", node.deviceId());
        optional(json, "size", node.size());
        optional(json, "links", node.links());
        optional(json, "linktarget", node.linkTarget());
        writeExtendedAttributes(json, node);
        optional(json, "device", node.device());
        writeContent(json, node);
        if (node.subtree() != null) {
            json.field("subtree", node.subtree().hex());
        }
        optional(json, "error", node.error());
        json.endObject();
    }

    private static void writeExtendedAttributes(GoJsonWriter json, Node node) {
        if (node.extendedAttributes().isEmpty()) {
            return;
        }
        json.name("extended_attributes").beginArray();
        for (Node.ExtendedAttribute attribute : node.extendedAttributes()) {
            json.beginObject().field("name", attribute.name())
                    .field("value", Base64.getEncoder().encodeToString(attribute.value())).endObject();
        }
        json.endArray();
    }

    private static void writeContent(GoJsonWriter json, Node node) {
        json.name("content");
        if (node.content() == null) {
            json.nullValue();
            return;
        }
        json.beginArray();
        for (Id id : node.content()) {
            json.value(id.hex());
        }
        json.endArray();
    }

    private static void optional(GoJsonWriter json, String name, String value) {
        if (!value.isEmpty()) {
            json.field(name, value);
        }
    }

    private static void optional(GoJsonWriter json, String name, long value) {
        if (value != 0) {
            json.name(name).unsignedValue(value);
        }
    }

    /**
     * Reads a tree token by token (a tree model per tree was a fifth of a no-change backup's walk). Unknown fields are
     * skipped, missing and null ones take Go's zero values.
     */
    public static Tree decode(byte[] bytes) {
        List<Node> result = new ArrayList<>();
        try (JsonParser parser = Json.parser(bytes)) {
            if (!Json.objectOrNull(next(parser))) {
                return new Tree(result);
            }
            while (Json.nextField(parser)) {
                if (parser.currentName().equals("nodes") && Json.arrayOrNull(parser)) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (Json.objectOrNull(parser)) {
                            result.add(readNode(parser));
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw Json.invalid(e);
        }
        return new Tree(result);
    }

    private static JsonParser next(JsonParser parser) throws IOException {
        parser.nextToken();
        return parser;
    }

    /** How a node's field is read: into a text or number slot, or by its own reader. */
    private enum Kind { TEXT, NUMBER, ATTRIBUTES, CONTENT, SUBTREE }

    /** A node's fields; texts and numbers go to slots, so each reader has one call site (below). */
    private enum Field {
        NAME("name", Kind.TEXT, 0), TYPE("type", Kind.TEXT, 1), USER("user", Kind.TEXT, 2),
        GROUP("group", Kind.TEXT, 3), LINKTARGET("linktarget", Kind.TEXT, 4), ERROR("error", Kind.TEXT, 5),
        MTIME("mtime", Kind.TEXT, 6), ATIME("atime", Kind.TEXT, 7), CTIME("ctime", Kind.TEXT, 8),
        MODE("mode", Kind.NUMBER, 0), UID("uid", Kind.NUMBER, 1), GID("gid", Kind.NUMBER, 2),
        INODE("inode", Kind.NUMBER, 3), DEVICE_ID("device_id", Kind.NUMBER, 4), SIZE("size", Kind.NUMBER, 5),
        LINKS("links", Kind.NUMBER, 6), DEVICE("device", Kind.NUMBER, 7),
        EXTENDED_ATTRIBUTES("extended_attributes", Kind.ATTRIBUTES, 0), CONTENT("content", Kind.CONTENT, 0),
        SUBTREE("subtree", Kind.SUBTREE, 0);

        static final int TEXTS = 9;
        static final int NUMBERS = 8;
        static final Map<String, Field> BY_NAME = new HashMap<>();

        static {
            for (Field field : values()) {
                BY_NAME.put(field.json, field);
            }
        }

        final String json;
        final Kind kind;
        final int slot;

        Field(String json, Kind kind, int slot) {
            this.json = json;
            this.kind = kind;
            this.slot = slot;
        }
    }

    /**
     * Reads the node whose object start is the current token, up to its end. One call site per kind of value keeps
     * the method small for the JIT: with a call per field, C2's compilation of it took 26 MB of compiler memory
     * (restore's peak RSS 8 MiB above the old tree-model reader's); now 12 MB.
     */
    private static Node readNode(JsonParser parser) throws IOException {
        String[] texts = new String[Field.TEXTS];
        long[] numbers = new long[Field.NUMBERS];
        List<Node.ExtendedAttribute> attributes = new ArrayList<>();
        List<Id> content = null;
        Id subtree = null;
        while (Json.nextField(parser)) {
            Field field = Field.BY_NAME.get(parser.currentName());
            if (field == null) {
                parser.skipChildren();
                continue;
            }
            switch (field.kind) {
                case TEXT -> texts[field.slot] = Json.textValue(parser);
                case NUMBER -> numbers[field.slot] = Json.longValue(parser);
                case ATTRIBUTES -> readExtendedAttributes(parser, attributes);
                case CONTENT -> content = readContent(parser);
                case SUBTREE -> subtree = Json.idValue(parser);
            }
        }
        String name = texts[Field.NAME.slot];
        if (name == null) {
            throw new IntegrityException("JSON field name is missing");
        }
        name = GoStrings.unquote(name);
        if (name.isEmpty()) {
            throw new IntegrityException("node has an empty name");
        }
        String type = texts[Field.TYPE.slot];
        if (type == null) {
            throw new IntegrityException("JSON field type is missing");
        }
        OffsetDateTime[] times = new OffsetDateTime[3]; // mtime, atime, ctime
        for (int i = 0; i < times.length; i++) {
            String time = texts[Field.MTIME.slot + i];
            times[i] = time == null ? GoTime.ZERO : GoTime.parse(time);
        }
        return new Node(name, NodeType.fromJson(type), (int) numbers[Field.MODE.slot], times[0], times[1], times[2],
                numbers[Field.UID.slot], numbers[Field.GID.slot], orEmpty(texts[Field.USER.slot]),
                orEmpty(texts[Field.GROUP.slot]), numbers[Field.INODE.slot], numbers[Field.DEVICE_ID.slot],
                numbers[Field.SIZE.slot], numbers[Field.LINKS.slot], orEmpty(texts[Field.LINKTARGET.slot]), attributes,
                numbers[Field.DEVICE.slot], content, subtree, orEmpty(texts[Field.ERROR.slot]));
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static void readExtendedAttributes(JsonParser parser, List<Node.ExtendedAttribute> result)
            throws IOException {
        if (!Json.arrayOrNull(parser)) {
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!Json.objectOrNull(parser)) {
                continue;
            }
            String name = null;
            String value = "";
            while (Json.nextField(parser)) {
                switch (parser.currentName()) {
                    case "name" -> name = Json.textValue(parser);
                    case "value" -> value = orEmpty(Json.textValue(parser));
                    default -> parser.skipChildren();
                }
            }
            if (name == null) {
                throw new IntegrityException("JSON field name is missing");
            }
            try {
                result.add(new Node.ExtendedAttribute(name, Base64.getDecoder().decode(value)));
            } catch (IllegalArgumentException e) {
                throw new IntegrityException("extended attribute " + name + " is not base64", e);
            }
        }
    }

    private static @Nullable List<Id> readContent(JsonParser parser) throws IOException {
        if (!Json.arrayOrNull(parser)) {
            return null;
        }
        List<Id> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Id id = Json.idValue(parser);
            if (id == null) {
                throw new IntegrityException("a node's content lists an empty ID");
            }
            result.add(id);
        }
        return result;
    }
}
