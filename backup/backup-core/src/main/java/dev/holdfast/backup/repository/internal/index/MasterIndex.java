package dev.holdfast.backup.repository.internal.index;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.PackedBlob;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * All blobs of a repository by type and ID, and every pack's blobs as the index files list them. The first copy of a
 * blob found wins lookups; duplicates stay listed under their packs. Thread-safe.
 *
 * <p>Entries live in parallel primitive arrays (ID as four longs, pack number, offset, lengths, type), in segments of
 * 8,192, found through an open-addressing table of entry numbers: 66-71 bytes per blob, against 137 for a
 * {@code HashMap} of {@link PackedBlob} records, so that the CLI's 96 MiB heap holds the index of a repository with a
 * million blobs (restic's own index takes about 64). {@link PackedBlob}s are made on demand.
 */
public final class MasterIndex {

    /** Entries are stored in segments of this many, so that growing never copies them nor leaves much unused. */
    private static final int SEGMENT_BITS = 13;
    private static final int SEGMENT = 1 << SEGMENT_BITS;
    private static final int IN_SEGMENT = SEGMENT - 1;

    // entries, in the order their packs were added; a pack's entries are contiguous
    private long[][] ids = new long[0][];
    private int[][] packOf = new int[0][];
    private long[][] offsets = new long[0][];
    private int[][] lengths = new int[0][];
    private int[][] uncompressedLengths = new int[0][];
    private byte[][] types = new byte[0][];
    private int entries;

    /** Entry number + 1 of the first copy of each (type, ID); 0 is empty. Kept at most 3/4 full. */
    private int[] slots = new int[128];
    private int distinct;

    private final Map<Id, Integer> packNumbers = new HashMap<>();
    private Id[] packIds = new Id[16];
    private int[] packFirst = new int[16];
    private int[] packSize = new int[16];
    private final Set<Id> packsInSeveralIndexes = new LinkedHashSet<>();

    /** Adds all blobs of one pack as one index file lists them. */
    public synchronized void addPack(Id pack, List<PackedBlob> blobs) {
        if (packNumbers.containsKey(pack)) {
            packsInSeveralIndexes.add(pack);
            return;
        }
        int number = packNumbers.size();
        if (number == packIds.length) {
            int capacity = number + (number >> 1);
            packIds = Arrays.copyOf(packIds, capacity);
            packFirst = Arrays.copyOf(packFirst, capacity);
            packSize = Arrays.copyOf(packSize, capacity);
        }
        packNumbers.put(pack, number);
        packIds[number] = pack;
        packFirst[number] = entries;
        packSize[number] = blobs.size();
        for (PackedBlob blob : blobs) {
            int entry = entries++;
            int segment = entry >>> SEGMENT_BITS;
            if (segment == types.length) {
                addSegment();
            }
            int at = entry & IN_SEGMENT;
            Id id = blob.id();
            long[] segmentIds = ids[segment];
            segmentIds[4 * at] = id.a();
            segmentIds[4 * at + 1] = id.b();
            segmentIds[4 * at + 2] = id.c();
            segmentIds[4 * at + 3] = id.d();
            packOf[segment][at] = number;
            offsets[segment][at] = blob.offset();
            lengths[segment][at] = blob.length();
            uncompressedLengths[segment][at] = blob.uncompressedLength();
            types[segment][at] = (byte) blob.type().ordinal();
            if (find(blob.type().ordinal(), id) < 0) {
                if (4 * (distinct + 1) > 3 * slots.length) {
                    rehash(2 * slots.length);
                }
                insert(entry);
                distinct++;
            }
        }
    }

    public synchronized @Nullable PackedBlob lookup(BlobType type, Id id) {
        int entry = find(type.ordinal(), id);
        return entry < 0 ? null : blob(entry);
    }

    /**
     * The entry number of the first copy of (type, id), or -1 if it is not indexed: one small number per distinct
     * blob, below {@link #entryCount()}, for marking blobs in a bit set instead of a set of keys. Stable as long as
     * no pack is added.
     */
    public synchronized int entryOf(BlobType type, Id id) {
        return find(type.ordinal(), id);
    }

    /** The blob with entry number {@code entry} (from {@link #entryOf}). */
    public synchronized PackedBlob entry(int entry) {
        if (entry < 0 || entry >= entries) {
            throw new IndexOutOfBoundsException("no index entry " + entry);
        }
        return blob(entry);
    }

    /** One more than the highest entry number {@link #entryOf} can give. */
    public synchronized int entryCount() {
        return entries;
    }

    public synchronized boolean has(BlobType type, Id id) {
        return find(type.ordinal(), id) >= 0;
    }

    public synchronized boolean containsPack(Id pack) {
        return packNumbers.containsKey(pack);
    }

    /**
     * Every pack listed in an index, with its blobs in pack order: a read-only view of the packs indexed so far,
     * whose blob lists are made when asked for (all of them at once would take the 137 bytes per blob again).
     */
    public synchronized Map<Id, List<PackedBlob>> packs() {
        int count = packNumbers.size();
        return new AbstractMap<>() {
            @Override
            public Set<Entry<Id, List<PackedBlob>>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<Id, List<PackedBlob>>> iterator() {
                        return new Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < count;
                            }

                            @Override
                            public Entry<Id, List<PackedBlob>> next() {
                                if (next >= count) {
                                    throw new NoSuchElementException();
                                }
                                return new PackEntry(next++);
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return count;
                    }
                };
            }

            @Override
            public @Nullable List<PackedBlob> get(Object key) {
                Integer number = number(key);
                return number == null ? null : blobsOf(number);
            }

            @Override
            public boolean containsKey(Object key) {
                return number(key) != null;
            }

            @Override
            public int size() {
                return count;
            }

            private @Nullable Integer number(Object key) {
                synchronized (MasterIndex.this) {
                    Integer number = packNumbers.get(key);
                    return number == null || number >= count ? null : number;
                }
            }
        };
    }

    /** A pack of {@link #packs()}: its blob list is made each time it is asked for. */
    private final class PackEntry implements Map.Entry<Id, List<PackedBlob>> {
        private final int number;

        PackEntry(int number) {
            this.number = number;
        }

        @Override
        public Id getKey() {
            synchronized (MasterIndex.this) {
                return packIds[number];
            }
        }

        @Override
        public List<PackedBlob> getValue() {
            return blobsOf(number);
        }

        @Override
        public List<PackedBlob> setValue(List<PackedBlob> value) {
            throw new UnsupportedOperationException("the index is read-only");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Map.Entry<?, ?> entry && getKey().equals(entry.getKey())
                    && getValue().equals(entry.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ getValue().hashCode();
        }
    }

    private synchronized List<PackedBlob> blobsOf(int pack) {
        List<PackedBlob> blobs = new ArrayList<>(packSize[pack]);
        for (int entry = packFirst[pack]; entry < packFirst[pack] + packSize[pack]; entry++) {
            blobs.add(blob(entry));
        }
        return Collections.unmodifiableList(blobs);
    }

    public synchronized Set<Id> packsInSeveralIndexes() {
        return Set.copyOf(packsInSeveralIndexes);
    }

    public synchronized int blobCount() {
        return distinct;
    }

    /** The first copy of every blob of {@code type}. */
    public synchronized List<PackedBlob> blobs(BlobType type) {
        List<PackedBlob> result = new ArrayList<>();
        for (int slot : slots) {
            if (slot != 0 && type(slot - 1) == type.ordinal()) {
                result.add(blob(slot - 1));
            }
        }
        return result;
    }

    private PackedBlob blob(int entry) {
        int segment = entry >>> SEGMENT_BITS;
        int at = entry & IN_SEGMENT;
        long[] segmentIds = ids[segment];
        return new PackedBlob(BlobType.values()[types[segment][at]],
                new Id(segmentIds[4 * at], segmentIds[4 * at + 1], segmentIds[4 * at + 2], segmentIds[4 * at + 3]),
                packIds[packOf[segment][at]], offsets[segment][at], lengths[segment][at],
                uncompressedLengths[segment][at]);
    }

    private int type(int entry) {
        return types[entry >>> SEGMENT_BITS][entry & IN_SEGMENT];
    }

    /** The entry of the first copy of (type, id), or -1. */
    private int find(int type, Id id) {
        int mask = slots.length - 1;
        for (int i = hash(type, id.a()) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int entry = slot - 1;
            long[] segmentIds = ids[entry >>> SEGMENT_BITS];
            int at = 4 * (entry & IN_SEGMENT);
            if (segmentIds[at] == id.a() && segmentIds[at + 1] == id.b() && segmentIds[at + 2] == id.c()
                    && segmentIds[at + 3] == id.d() && type(entry) == type) {
                return entry;
            }
        }
    }

    private void insert(int entry) {
        int mask = slots.length - 1;
        int i = hash(type(entry), ids[entry >>> SEGMENT_BITS][4 * (entry & IN_SEGMENT)]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = entry + 1;
    }

    private void rehash(int capacity) {
        int[] old = slots;
        slots = new int[capacity];
        for (int slot : old) {
            if (slot != 0) {
                insert(slot - 1);
            }
        }
    }

    /** IDs are SHA-256 hashes, so their first bits are already uniform; the type only moves trees elsewhere. */
    private static int hash(int type, long first) {
        return (int) (first >>> 32) ^ (int) first ^ type * 0x9E3779B9;
    }

    private void addSegment() {
        int count = types.length + 1;
        ids = Arrays.copyOf(ids, count);
        packOf = Arrays.copyOf(packOf, count);
        offsets = Arrays.copyOf(offsets, count);
        lengths = Arrays.copyOf(lengths, count);
        uncompressedLengths = Arrays.copyOf(uncompressedLengths, count);
        types = Arrays.copyOf(types, count);
        int last = count - 1;
        ids[last] = new long[4 * SEGMENT];
        packOf[last] = new int[SEGMENT];
        offsets[last] = new long[SEGMENT];
        lengths[last] = new int[SEGMENT];
        uncompressedLengths[last] = new int[SEGMENT];
        types[last] = new byte[SEGMENT];
    }
}
