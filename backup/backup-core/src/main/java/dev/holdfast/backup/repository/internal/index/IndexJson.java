package dev.holdfast.backup.repository.internal.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.repository.PackedBlob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Index files: {@code {"supersedes":[..],"packs":[{"id":..,"blobs":[{"id","type","offset","length",
 * "uncompressed_length"}]}]}}, {@code uncompressed_length} only for compressed blobs. The old format (a bare array of
 * packs) is read too.
 */
public final class IndexJson {

    private IndexJson() {}

    /** The contents of one index file. */
    public record IndexFile(List<Id> supersedes, Map<Id, List<PackedBlob>> packs) {}

    public static byte[] encode(List<Id> supersedes, Map<Id, List<PackedBlob>> packs) {
        GoJsonWriter json = new GoJsonWriter().beginObject();
        if (!supersedes.isEmpty()) {
            json.name("supersedes").beginArray();
            supersedes.forEach(id -> json.value(id.hex()));
            json.endArray();
        }
        json.name("packs").beginArray();
        packs.forEach((pack, blobs) -> {
            json.beginObject().field("id", pack.hex()).name("blobs").beginArray();
            for (PackedBlob blob : blobs) {
                json.beginObject().field("id", blob.id().hex()).field("type", blob.type().json())
                        .field("offset", blob.offset()).field("length", blob.length());
                if (blob.compressed()) {
                    json.field("uncompressed_length", blob.uncompressedLength());
                }
                json.endObject();
            }
            json.endArray().endObject();
        });
        return json.endArray().endObject().toBytes();
    }

    public static IndexFile decode(byte[] bytes) {
        JsonNode root = Json.read(bytes);
        JsonNode packsJson = root.isArray() ? root : root.get("packs");
        List<Id> supersedes = new ArrayList<>();
        if (root.isObject()) {
            Json.strings(root, "supersedes").forEach(id -> supersedes.add(Id.parse(id)));
        }
        Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();
        if (packsJson != null) {
            for (JsonNode packJson : packsJson) {
                Id pack = Json.id(packJson, "id");
                if (pack == null) {
                    throw new IntegrityException("index lists a pack without ID");
                }
                List<PackedBlob> blobs = new ArrayList<>();
                JsonNode blobsJson = packJson.get("blobs");
                if (blobsJson != null) {
                    blobsJson.forEach(blob -> blobs.add(blob(pack, blob)));
                }
                packs.put(pack, blobs);
            }
        }
        return new IndexFile(supersedes, packs);
    }

    private static PackedBlob blob(Id pack, JsonNode json) {
        Id id = Json.id(json, "id");
        if (id == null) {
            throw new IntegrityException("index lists a blob without ID in pack " + pack);
        }
        return new PackedBlob(BlobType.fromJson(Json.requiredText(json, "type")), id, pack, Json.number(json, "offset"),
                (int) Json.number(json, "length"), (int) Json.number(json, "uncompressed_length"));
    }
}
