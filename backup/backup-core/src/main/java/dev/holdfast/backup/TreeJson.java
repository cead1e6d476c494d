package dev.holdfast.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

    /** Reads the node whose object start is the current token, up to its end. */
    private static Node readNode(JsonParser parser) throws IOException {
        String name = null;
        String type = null;
        long mode = 0;
        OffsetDateTime mtime = GoTime.ZERO;
        OffsetDateTime atime = GoTime.ZERO;
        OffsetDateTime ctime = GoTime.ZERO;
        long uid = 0;
        long gid = 0;
        String user = "";
        String group = "";
        long inode = 0;
        long deviceId = 0;
        long size = 0;
        long links = 0;
        String linkTarget = "";
        List<Node.ExtendedAttribute> attributes = new ArrayList<>();
        long device = 0;
        List<Id> content = null;
        Id subtree = null;
        String error = "";
        while (Json.nextField(parser)) {
            switch (parser.currentName()) {
                case "name" -> name = Json.textValue(parser);
                case "type" -> type = Json.textValue(parser);
                case "mode" -> mode = Json.longValue(parser);
                case "mtime" -> mtime = time(parser);
                case "atime" -> atime = time(parser);
                case "ctime" -> ctime = time(parser);
                case "uid" -> uid = Json.longValue(parser);
                case "gid" -> gid = Json.longValue(parser);
                case "user" -> user = text(parser);
                case "group" -> group = text(parser);
                case "inode" -> inode = Json.longValue(parser);
                case "device_id" -> deviceId = Json.longValue(parser);
                case "size" -> size = Json.longValue(parser);
                case "links" -> links = Json.longValue(parser);
                case "linktarget" -> linkTarget = text(parser);
                case "extended_attributes" -> readExtendedAttributes(parser, attributes);
                case "device" -> device = Json.longValue(parser);
                case "content" -> content = readContent(parser);
                case "subtree" -> subtree = Json.idValue(parser);
                case "error" -> error = text(parser);
                default -> parser.skipChildren();
            }
        }
        if (name == null) {
            throw new IntegrityException("JSON field name is missing");
        }
        name = GoStrings.unquote(name);
        if (name.isEmpty()) {
            throw new IntegrityException("node has an empty name");
        }
        if (type == null) {
            throw new IntegrityException("JSON field type is missing");
        }
        return new Node(name, NodeType.fromJson(type), (int) mode, mtime, atime, ctime, uid, gid, user, group, inode,
                deviceId, size, links, linkTarget, attributes, device, content, subtree, error);
    }

    private static OffsetDateTime time(JsonParser parser) throws IOException {
        String value = Json.textValue(parser);
        return value == null ? GoTime.ZERO : GoTime.parse(value);
    }

    private static String text(JsonParser parser) throws IOException {
        String value = Json.textValue(parser);
        return value == null ? "" : value;
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
                    case "value" -> value = text(parser);
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
