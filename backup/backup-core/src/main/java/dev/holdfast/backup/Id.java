package dev.holdfast.backup;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 identifier: of a blob's plaintext, of a stored file's bytes or of a tree's JSON. Immutable, value-compared;
 * the four longs keep it small in large indexes.
 */
public record Id(long a, long b, long c, long d) implements Comparable<Id> {

    private static final HexFormat HEX = HexFormat.of();

    public static Id of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an ID has 32 bytes, not " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Id(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    /** Parses 64 hex digits; throws {@link IllegalArgumentException} otherwise. */
    public static Id parse(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("not an ID: " + hex);
        }
        return of(HEX.parseHex(hex));
    }

    /** Whether {@code name} is a 64-digit lower- or upper-case hex ID (listings skip other names). */
    public static boolean isId(String name) {
        if (name.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(name.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public static Id hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The ID of the concatenation of {@code parts}. */
    public static Id hash(List<byte[]> parts) {
        MessageDigest digest = sha256();
        for (byte[] part : parts) {
            for (int done = 0; done < part.length; done += HASH_SLICE) {
                digest.update(part, done, Math.min(HASH_SLICE, part.length - done));
            }
        }
        return of(digest.digest());
    }

    private static final int HASH_SLICE = 64 * 1024;

    public static Id hash(byte[] data, int offset, int length) {
        MessageDigest digest = sha256();
        // in slices, so that the multi-block SHA-256 intrinsic gets compiled early (see Crypto's AES-CTR)
        for (int done = 0; done < length; done += HASH_SLICE) {
            digest.update(data, offset + done, Math.min(HASH_SLICE, length - done));
        }
        return of(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(32).putLong(a).putLong(b).putLong(c).putLong(d).array();
    }

    /** The first byte, e.g. for {@code --read-data-subset} buckets. */
    public int firstByte() {
        return (int) (a >>> 56);
    }

    public String hex() {
        return HEX.formatHex(bytes());
    }

    /** The first 8 hex digits, as restic prints short IDs. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    @Override
    public int compareTo(Id other) {
        int result = Long.compareUnsigned(a, other.a);
        if (result == 0) {
            result = Long.compareUnsigned(b, other.b);
        }
        if (result == 0) {
            result = Long.compareUnsigned(c, other.c);
        }
        return result == 0 ? Long.compareUnsigned(d, other.d) : result;
    }

    @Override
    public String toString() {
        return hex();
    }
}
