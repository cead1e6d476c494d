package dev.holdfast.backup.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.chunker.Polynomial;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The repository config: format version (1 or 2), a random repository ID and the chunker polynomial. */
public record Config(int version, String id, Polynomial polynomial) {

    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 2;

    public Config {
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new IntegrityException("unsupported repository version " + version);
        }
        if (!polynomial.irreducible()) {
            throw new IntegrityException("chunker polynomial " + polynomial.hex() + " is not irreducible");
        }
    }

    /** A new config with a random ID; a random polynomial unless one is given (to share chunk boundaries). */
    public static Config create(int version, Polynomial polynomial) {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return new Config(version, HexFormat.of().formatHex(id), polynomial);
    }

    public byte[] toJson() {
        return new GoJsonWriter().beginObject().field("version", version).field("id", id)
                .field("chunker_polynomial", polynomial.hex()).endObject().toBytes();
    }

    public static Config fromJson(byte[] bytes) {
        JsonNode json = Json.read(bytes);
        return new Config((int) Json.number(json, "version"), Json.requiredText(json, "id"),
                Polynomial.parse(Json.requiredText(json, "chunker_polynomial")));
    }
}
