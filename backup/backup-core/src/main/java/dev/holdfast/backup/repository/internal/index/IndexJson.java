package dev.holdfast.backup.repository.internal.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.repository.PackedBlob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Index files: {@code {"supersedes":[..],"packs":[{"id":..,"blobs":[{"id","type","offset","length",
 * "uncompressed_length"}]}]}}, {@code uncompressed_length} only for compressed blobs. The old format (a bare array of
 * packs) is read too.
 */
public final class IndexJson {

    private IndexJson() {}

    public static byte[] encode(List<Id> supersedes, Map<Id, List<PackedBlob>> packs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(supersedes, packs, out);
        return out.toByteArray();
    }

    /**
     * Writes an index file's JSON to {@code out} as it is made, a few KiB at a time: 150,000 blobs (an index file's
     * limit) are 22 MB of it, which the CLI's heap would hold several times over while a buffer grew and was copied.
     */
    public static void write(List<Id> supersedes, Map<Id, List<PackedBlob>> packs, OutputStream out) {
        GoJsonWriter json = new GoJsonWriter(out).beginObject();
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
        json.endArray().endObject().flush();
    }

    /** Receives the packs of an index file as they are read. */
    @FunctionalInterface
    public interface PackSink {
        void pack(Id pack, List<PackedBlob> blobs);
    }

    /**
     * Reads an index file token by token, handing each pack to {@code sink} as soon as it is read, and returns the
     * index files it supersedes. Neither the JSON tree nor all packs are held at once: an index file of 150,000 blobs
     * (restic's limit for compressed repositories, and ours) is 22 MB of JSON, and its tree took more than the CLI's
     * 96 MiB heap.
     */
    public static List<Id> read(JsonParser source, PackSink sink) {
        List<Id> supersedes = new ArrayList<>();
        try (JsonParser parser = source) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                readPacks(parser, sink);
            } else if (token == JsonToken.START_OBJECT) {
                while (Json.nextField(parser)) {
                    switch (parser.currentName()) {
                        case "supersedes" -> {
                            if (Json.arrayOrNull(parser)) {
                                while (parser.nextToken() != JsonToken.END_ARRAY) {
                                    Id id = Json.idValue(parser);
                                    if (id != null) {
                                        supersedes.add(id);
                                    }
                                }
                            }
                        }
                        case "packs" -> {
                            if (Json.arrayOrNull(parser)) {
                                readPacks(parser, sink);
                            }
                        }
                        default -> parser.skipChildren();
                    }
                }
            } else {
                throw new IntegrityException("an index file is neither an object nor an array");
            }
        } catch (IOException e) {
            throw Json.invalid(e);
        }
        return supersedes;
    }

    /** Reads the packs of an array whose start is the current token, up to its end. */
    private static void readPacks(JsonParser parser, PackSink sink) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!Json.objectOrNull(parser)) {
                continue;
            }
            Id pack = null;
            List<RawBlob> raw = new ArrayList<>();
            while (Json.nextField(parser)) {
                switch (parser.currentName()) {
                    case "id" -> pack = Json.idValue(parser);
                    case "blobs" -> {
                        if (Json.arrayOrNull(parser)) {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                if (Json.objectOrNull(parser)) {
                                    raw.add(readBlob(parser));
                                }
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (pack == null) {
                throw new IntegrityException("index lists a pack without ID");
            }
            List<PackedBlob> blobs = new ArrayList<>(raw.size());
            for (RawBlob blob : raw) {
                if (blob.id == null) {
                    throw new IntegrityException("index lists a blob without ID in pack " + pack);
                }
                if (blob.type == null) {
                    throw new IntegrityException("JSON field type is missing");
                }
                blobs.add(new PackedBlob(BlobType.fromJson(blob.type), blob.id, pack, blob.offset,
                        (int) blob.length, (int) blob.uncompressedLength));
            }
            sink.pack(pack, blobs);
        }
    }

    /** A blob's fields as read: the pack's ID may come after its blobs. */
    private static final class RawBlob {
        @Nullable Id id;
        @Nullable String type;
        long offset;
        long length;
        long uncompressedLength;
    }

    private static RawBlob readBlob(JsonParser parser) throws IOException {
        RawBlob blob = new RawBlob();
        while (Json.nextField(parser)) {
            switch (parser.currentName()) {
                case "id" -> blob.id = Json.idValue(parser);
                case "type" -> blob.type = Json.textValue(parser);
                case "offset" -> blob.offset = Json.longValue(parser);
                case "length" -> blob.length = Json.longValue(parser);
                case "uncompressed_length" -> blob.uncompressedLength = Json.longValue(parser);
                default -> parser.skipChildren();
            }
        }
        return blob;
    }
}
