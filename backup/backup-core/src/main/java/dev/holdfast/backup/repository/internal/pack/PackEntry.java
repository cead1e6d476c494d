package dev.holdfast.backup.repository.internal.pack;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;

/**
 * One blob in a pack: offset and encrypted length in the pack, and the plaintext length when compressed
 * ({@code uncompressedLength == 0} means stored uncompressed).
 */
public record PackEntry(BlobType type, Id id, long offset, int length, int uncompressedLength) {

    public boolean compressed() {
        return uncompressedLength != 0;
    }

    /** Size of this entry in the pack header: 37 bytes, or 41 when compressed. */
    public int headerSize() {
        return compressed() ? 41 : 37;
    }

    /** Plaintext length after decryption and decompression. */
    public int plaintextLength() {
        return compressed() ? uncompressedLength : length - 32;
    }
}
