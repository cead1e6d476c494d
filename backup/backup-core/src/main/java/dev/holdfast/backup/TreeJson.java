package dev.holdfast.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

    public static Tree decode(byte[] bytes) {
        JsonNode root = Json.read(bytes);
        JsonNode nodes = root.get("nodes");
        List<Node> result = new ArrayList<>();
        if (nodes != null && nodes.isArray()) {
            nodes.forEach(node -> result.add(readNode(node)));
        }
        return new Tree(result);
    }

    private static Node readNode(JsonNode json) {
        String name = GoStrings.unquote(Json.requiredText(json, "name"));
        if (name.isEmpty()) {
            throw new IntegrityException("node has an empty name");
        }
        return new Node(name, NodeType.fromJson(Json.requiredText(json, "type")),
                (int) Json.number(json, "mode"), time(json, "mtime"), time(json, "atime"), time(json, "ctime"),
                Json.number(json, "uid"), Json.number(json, "gid"), text(json, "user"), text(json, "group"),
                Json.number(json, "inode"), Json.number(json, "device_id"), Json.number(json, "size"),
                Json.number(json, "links"), text(json, "linktarget"), readExtendedAttributes(json),
                Json.number(json, "device"), readContent(json), Json.id(json, "subtree"), text(json, "error"));
    }

    private static java.time.OffsetDateTime time(JsonNode json, String field) {
        java.time.OffsetDateTime time = Json.time(json, field);
        return time == null ? GoTime.ZERO : time;
    }

    private static String text(JsonNode json, String field) {
        String value = Json.text(json, field);
        return value == null ? "" : value;
    }

    private static List<Node.ExtendedAttribute> readExtendedAttributes(JsonNode json) {
        JsonNode array = json.get("extended_attributes");
        List<Node.ExtendedAttribute> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> result.add(new Node.ExtendedAttribute(Json.requiredText(element, "name"),
                    Base64.getDecoder().decode(text(element, "value")))));
        }
        return result;
    }

    private static @org.jspecify.annotations.Nullable List<Id> readContent(JsonNode json) {
        JsonNode array = json.get("content");
        if (array == null || array.isNull()) {
            return null;
        }
        List<Id> result = new ArrayList<>(array.size());
        array.forEach(element -> result.add(Id.parse(element.asText())));
        return result;
    }
}
