package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of blobs: those the index lists as bits over its entries (600,000 blobs in 75 KB, where a {@code HashSet} of
 * their IDs took about 55 MiB and left the CLI's heap too full to work), the few it lacks in a set. The index must
 * not change while it is used.
 */
final class BlobSet {

    private record Key(BlobType type, Id id) {}

    /** How many data and tree blobs a set holds, and their sizes (stored and plaintext) as far as indexed. */
    record Totals(int dataBlobs, int treeBlobs, long stored, long plaintext) {}

    private final Repository repository;
    private final BitSet indexed;
    private final Set<Key> unindexed;

    BlobSet(Repository repository) {
        this(repository, new BitSet(repository.indexEntryCount()), new HashSet<>());
    }

    private BlobSet(Repository repository, BitSet indexed, Set<Key> unindexed) {
        this.repository = repository;
        this.indexed = indexed;
        this.unindexed = unindexed;
    }

    /** Adds a blob; returns whether it was not in the set. */
    boolean add(BlobType type, Id id) {
        int entry = repository.indexEntry(type, id);
        if (entry < 0) {
            return unindexed.add(new Key(type, id));
        }
        if (indexed.get(entry)) {
            return false;
        }
        indexed.set(entry);
        return true;
    }

    /** A new set of the blobs in this set but not in {@code other}. */
    BlobSet andNot(BlobSet other) {
        BitSet bits = (BitSet) indexed.clone();
        bits.andNot(other.indexed);
        Set<Key> keys = new HashSet<>(unindexed);
        keys.removeAll(other.unindexed);
        return new BlobSet(repository, bits, keys);
    }

    int size() {
        return indexed.cardinality() + unindexed.size();
    }

    Totals totals() {
        int data = 0;
        int trees = 0;
        long stored = 0;
        long plaintext = 0;
        for (int entry = indexed.nextSetBit(0); entry >= 0; entry = indexed.nextSetBit(entry + 1)) {
            PackedBlob blob = repository.indexEntry(entry);
            if (blob.type() == BlobType.DATA) {
                data++;
            } else {
                trees++;
            }
            stored += blob.length();
            plaintext += blob.plaintextLength();
        }
        for (Key key : unindexed) {
            if (key.type() == BlobType.DATA) {
                data++;
            } else {
                trees++;
            }
        }
        return new Totals(data, trees, stored, plaintext);
    }
}
