package dev.holdfast.backup.repository.internal.crypto;

import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A restic key: 32 bytes for AES-256-CTR, and Poly1305-AES's 16-byte AES key {@code k} and 16-byte {@code r}
 * ({@code r} stored clamped). The repository's master key encrypts everything; a user key (from scrypt) encrypts
 * only the master key inside a key file.
 */
public record MasterKey(byte[] encrypt, byte[] macK, byte[] macR) {

    private static final byte[] R_MASK = {
        (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, (byte) 0xfc, (byte) 0xff, (byte) 0xff, 0x0f,
        (byte) 0xfc, (byte) 0xff, (byte) 0xff, 0x0f, (byte) 0xfc, (byte) 0xff, (byte) 0xff, 0x0f
    };

    public MasterKey {
        if (encrypt.length != 32 || macK.length != 16 || macR.length != 16) {
            throw new IllegalArgumentException("a key has 32 + 16 + 16 bytes");
        }
        encrypt = encrypt.clone();
        macK = macK.clone();
        macR = clamp(macR);
    }

    public static MasterKey random() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return fromBytes(bytes);
    }

    /** The user key from scrypt's 64 bytes: encryption key, then MAC k, then MAC r. */
    public static MasterKey fromBytes(byte[] derived) {
        return new MasterKey(java.util.Arrays.copyOfRange(derived, 0, 32), java.util.Arrays.copyOfRange(derived, 32, 48),
                java.util.Arrays.copyOfRange(derived, 48, 64));
    }

    static byte[] clamp(byte[] r) {
        byte[] clamped = new byte[16];
        for (int i = 0; i < 16; i++) {
            clamped[i] = (byte) (r[i] & R_MASK[i]);
        }
        return clamped;
    }

    /** The key as restic stores it inside a key file: {@code {"mac":{"k":..,"r":..},"encrypt":..}}. */
    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        return new GoJsonWriter().beginObject().name("mac").beginObject()
                .field("k", b64.encodeToString(macK)).field("r", b64.encodeToString(macR)).endObject()
                .field("encrypt", b64.encodeToString(encrypt)).endObject().toBytes();
    }

    public static MasterKey fromJson(byte[] json) {
        JsonNode root = Json.read(json);
        JsonNode mac = root.get("mac");
        if (mac == null) {
            throw new IntegrityException("master key has no mac field");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new MasterKey(b64.decode(Json.requiredText(root, "encrypt")), b64.decode(Json.requiredText(mac, "k")),
                b64.decode(Json.requiredText(mac, "r")));
    }
}
