package dev.holdfast.backup.repository;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;

/**
 * Where a blob is stored: pack, offset and encrypted length, and the plaintext length when compressed
 * ({@code uncompressedLength == 0}: stored uncompressed).
 */
public record PackedBlob(BlobType type, Id id, Id pack, long offset, int length, int uncompressedLength) {

    public boolean compressed() {
        return uncompressedLength != 0;
    }

    /** Plaintext length after decryption and decompression. */
    public int plaintextLength() {
        return compressed() ? uncompressedLength : length - 32;
    }

    /** Size of this blob's entry in its pack header: 37 bytes, or 41 when compressed. */
    public int headerSize() {
        return compressed() ? 41 : 37;
    }
}
