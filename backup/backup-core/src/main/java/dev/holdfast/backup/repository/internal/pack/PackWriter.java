package dev.holdfast.backup.repository.internal.pack;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects encrypted blobs of one pack in memory, then appends the encrypted header. The blobs are kept as they are
 * and copied once into the finished pack (no growing buffer). Not thread-safe.
 */
public final class PackWriter {

    private final List<byte[]> blobs = new ArrayList<>();
    private int size;
    private final List<PackEntry> entries = new ArrayList<>();

    /** Appends an encrypted blob; {@code uncompressedLength} is 0 when it was not compressed. */
    public PackEntry add(BlobType type, Id id, byte[] encrypted, int uncompressedLength) {
        if (size + (long) encrypted.length > Integer.MAX_VALUE - (1 << 24)) {
            throw new IllegalStateException("pack too large");
        }
        blobs.add(encrypted);
        PackEntry entry = new PackEntry(type, id, size, encrypted.length, uncompressedLength);
        size += encrypted.length;
        entries.add(entry);
        return entry;
    }

    /** Bytes of blobs plus the header written so far. */
    public long size() {
        return size + entries.stream().mapToLong(PackEntry::headerSize).sum();
    }

    public int count() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<PackEntry> entries() {
        return List.copyOf(entries);
    }

    /** The finished pack, in parts to be stored one after another: blobs, encrypted header, its little-endian length. */
    public List<byte[]> finish(Crypto crypto) {
        byte[] header = crypto.encrypt(Packs.headerPlaintext(entries));
        byte[] tail = new byte[header.length + 4];
        System.arraycopy(header, 0, tail, 0, header.length);
        ByteBuffer.wrap(tail, header.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
        List<byte[]> parts = new ArrayList<>(blobs.size() + 1);
        parts.addAll(blobs);
        parts.add(tail);
        blobs.clear();
        return parts;
    }
}
