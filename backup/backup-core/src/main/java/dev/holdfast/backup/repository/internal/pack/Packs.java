package dev.holdfast.backup.repository.internal.pack;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The pack header format: entries of type byte, lengths (u32 LE) and blob ID, encrypted, then its length. */
public final class Packs {

    /** Bytes a reader fetches first from a pack's end: enough for 15 compressed entries. */
    public static final int EAGER_TAIL = 15 * 41 + 32 + 4;
    /** restic's limit for an encrypted header. */
    public static final int MAX_HEADER_SIZE = 16 * 1024 * 1024 + 4;

    private Packs() {}

    /** The size a pack with these entries must have on disk: blobs, encrypted header and its 4-byte length. */
    public static long expectedSize(Collection<PackEntry> entries) {
        long size = 4 + Crypto.OVERHEAD;
        for (PackEntry entry : entries) {
            size += entry.length() + entry.headerSize();
        }
        return size;
    }

    static byte[] headerPlaintext(List<PackEntry> entries) {
        int size = entries.stream().mapToInt(PackEntry::headerSize).sum();
        ByteBuffer header = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (PackEntry entry : entries) {
            int type = (entry.type() == BlobType.DATA ? 0 : 1) + (entry.compressed() ? 2 : 0);
            header.put((byte) type).putInt(entry.length());
            if (entry.compressed()) {
                header.putInt(entry.uncompressedLength());
            }
            header.put(entry.id().bytes());
        }
        return header.array();
    }

    /** The encrypted header length stored in the last 4 bytes of a pack's tail. */
    public static int headerLength(byte[] tail, int tailLength) {
        if (tailLength < 4) {
            throw new IntegrityException("pack too short");
        }
        return ByteBuffer.wrap(tail, tailLength - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * Parses a pack header from {@code tail[0 .. tailLength)}, the last bytes of a pack of {@code packSize} bytes,
     * which must hold the whole encrypted header plus its length.
     */
    public static List<PackEntry> parseHeader(Crypto crypto, byte[] tail, int tailLength, long packSize) {
        int headerLength = headerLength(tail, tailLength);
        if (headerLength < Crypto.OVERHEAD || headerLength > MAX_HEADER_SIZE || headerLength + 4L > packSize) {
            throw new IntegrityException("invalid pack header length " + headerLength + " for a pack of " + packSize);
        }
        if (headerLength + 4 > tailLength) {
            throw new IllegalArgumentException("tail does not hold the whole header");
        }
        int start = tailLength - 4 - headerLength;
        byte[] plain = crypto.decrypt(tail, start, headerLength);
        return entries(plain, packSize - 4 - headerLength);
    }

    private static List<PackEntry> entries(byte[] plain, long blobsEnd) {
        ByteBuffer header = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        List<PackEntry> result = new ArrayList<>();
        long offset = 0;
        while (header.hasRemaining()) {
            int type = header.get() & 0xff;
            if (type > 3) {
                throw new IntegrityException("invalid blob type " + type + " in pack header");
            }
            int length = header.getInt();
            int uncompressed = type >= 2 ? header.getInt() : 0;
            byte[] id = new byte[32];
            header.get(id);
            BlobType blobType = (type & 1) == 0 ? BlobType.DATA : BlobType.TREE;
            result.add(new PackEntry(blobType, Id.of(id), offset, length, uncompressed));
            offset += Integer.toUnsignedLong(length);
        }
        if (offset != blobsEnd) {
            throw new IntegrityException("pack header covers " + offset + " bytes of blobs, the pack has " + blobsEnd);
        }
        return result;
    }
}
