package dev.holdfast.backup.repository.internal.pack;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects encrypted blobs of one pack in memory, then appends the encrypted header. Not thread-safe. */
public final class PackWriter {

    private byte[] buffer = new byte[1 << 20];
    private int size;
    private final List<PackEntry> entries = new ArrayList<>();

    /** Appends an encrypted blob; {@code uncompressedLength} is 0 when it was not compressed. */
    public PackEntry add(BlobType type, Id id, byte[] encrypted, int uncompressedLength) {
        ensure(encrypted.length);
        System.arraycopy(encrypted, 0, buffer, size, encrypted.length);
        PackEntry entry = new PackEntry(type, id, size, encrypted.length, uncompressedLength);
        size += encrypted.length;
        entries.add(entry);
        return entry;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            // grow by half: a pack ends just past its target size, doubling would waste up to half the buffer
            buffer = Arrays.copyOf(buffer, Math.max(size + more, buffer.length + buffer.length / 2));
        }
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

    /** The finished pack: blobs, encrypted header and its little-endian length. */
    public byte[] finish(Crypto crypto) {
        byte[] header = crypto.encrypt(Packs.headerPlaintext(entries));
        ensure(header.length + 4);
        System.arraycopy(header, 0, buffer, size, header.length);
        ByteBuffer.wrap(buffer, size + header.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length);
        return Arrays.copyOf(buffer, size + header.length + 4);
    }
}
