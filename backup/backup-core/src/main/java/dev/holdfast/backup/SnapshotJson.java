package dev.holdfast.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Snapshots as restic serialises them (Go struct order; omitempty as in restic 0.14). */
public final class SnapshotJson {

    private SnapshotJson() {}

    public static byte[] encode(Snapshot snapshot) {
        GoJsonWriter json = new GoJsonWriter().beginObject().field("time", GoTime.format(snapshot.time()));
        if (snapshot.parent() != null) {
            json.field("parent", snapshot.parent().hex());
        }
        json.field("tree", snapshot.tree().hex());
        strings(json.name("paths"), snapshot.paths());
        optional(json, "hostname", snapshot.hostname());
        optional(json, "username", snapshot.username());
        if (snapshot.uid() != 0) {
            json.field("uid", snapshot.uid());
        }
        if (snapshot.gid() != 0) {
            json.field("gid", snapshot.gid());
        }
        if (!snapshot.excludes().isEmpty()) {
            strings(json.name("excludes"), snapshot.excludes());
        }
        if (!snapshot.tags().isEmpty()) {
            strings(json.name("tags"), snapshot.tags());
        }
        if (snapshot.original() != null) {
            json.field("original", snapshot.original().hex());
        }
        return json.endObject().toBytes();
    }

    private static void optional(GoJsonWriter json, String name, String value) {
        if (!value.isEmpty()) {
            json.field(name, value);
        }
    }

    private static void strings(GoJsonWriter json, List<String> values) {
        json.beginArray();
        values.forEach(json::value);
        json.endArray();
    }

    public static Snapshot decode(@Nullable Id id, byte[] bytes) {
        JsonNode json = Json.read(bytes);
        Id tree = Json.id(json, "tree");
        if (tree == null) {
            throw new IntegrityException("snapshot " + id + " has no tree");
        }
        String hostname = Json.text(json, "hostname");
        String username = Json.text(json, "username");
        return new Snapshot(id, GoTime.parse(Json.requiredText(json, "time")), Json.id(json, "parent"), tree,
                Json.strings(json, "paths"), hostname == null ? "" : hostname, username == null ? "" : username,
                Json.number(json, "uid"), Json.number(json, "gid"), Json.strings(json, "excludes"),
                Json.strings(json, "tags"), Json.id(json, "original"));
    }
}
