package dev.holdfast.backup.repository.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.repository.KdfParams;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

/**
 * A key file ({@code keys/<id>}, plain JSON): who made it, the scrypt parameters and salt, and the master key
 * encrypted with the key derived from the password.
 */
public record KeyFile(OffsetDateTime created, String username, String hostname, KdfParams kdf, byte[] salt,
        byte[] data) {

    public KeyFile {
        if (salt.length != 64) {
            throw new IntegrityException("key file salt has " + salt.length + " bytes, restic requires 64");
        }
    }

    /** Wraps {@code master} for {@code password} with a fresh salt. */
    public static KeyFile create(String password, MasterKey master, KdfParams kdf, String username, String hostname,
            OffsetDateTime created) {
        byte[] salt = new byte[64];
        new SecureRandom().nextBytes(salt);
        MasterKey user = MasterKey.fromBytes(kdf.derive(password.getBytes(StandardCharsets.UTF_8), salt));
        byte[] data = new Crypto(user).encrypt(master.toJson());
        return new KeyFile(created, username, hostname, kdf, salt, data);
    }

    /** The master key, or empty when the password does not open this key file. */
    public Optional<MasterKey> open(String password) {
        MasterKey user = MasterKey.fromBytes(kdf.derive(password.getBytes(StandardCharsets.UTF_8), salt));
        byte[] plain;
        try {
            plain = new Crypto(user).decrypt(data);
        } catch (IntegrityException wrongPassword) {
            return Optional.empty();
        }
        return Optional.of(MasterKey.fromJson(plain));
    }

    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        GoJsonWriter json = new GoJsonWriter().beginObject().field("created", GoTime.format(created));
        if (!username.isEmpty()) {
            json.field("username", username);
        }
        if (!hostname.isEmpty()) {
            json.field("hostname", hostname);
        }
        return json.field("kdf", "scrypt").field("N", kdf.n()).field("r", kdf.r()).field("p", kdf.p())
                .field("salt", b64.encodeToString(salt)).field("data", b64.encodeToString(data)).endObject().toBytes();
    }

    public static KeyFile fromJson(byte[] bytes) {
        JsonNode json = Json.read(bytes);
        String kdf = Json.requiredText(json, "kdf");
        if (!kdf.equals("scrypt")) {
            throw new IntegrityException("unknown key derivation function " + kdf);
        }
        OffsetDateTime created = Json.time(json, "created");
        String username = Json.text(json, "username");
        String hostname = Json.text(json, "hostname");
        Base64.Decoder b64 = Base64.getDecoder();
        return new KeyFile(created == null ? GoTime.ZERO : created, username == null ? "" : username,
                hostname == null ? "" : hostname,
                new KdfParams((int) Json.number(json, "N"), (int) Json.number(json, "r"), (int) Json.number(json, "p")),
                b64.decode(Json.requiredText(json, "salt")), b64.decode(Json.requiredText(json, "data")));
    }
}
