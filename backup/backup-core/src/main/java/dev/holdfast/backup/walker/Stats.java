package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sizes of snapshots, as {@code restic stats}: restore size (what a restore would write), and raw data (unique
 * blobs, as stored and as plaintext), whose ratio shows deduplication and compression.
 */
public final class Stats {

    /** Totals over the selected snapshots. */
    public record Totals(int snapshots, long files, long restoreSize, long uniqueBlobs, long rawStored,
            long rawPlaintext) {

        /** Restore size divided by stored bytes: how much deduplication and compression save. */
        public double dedupRatio() {
            return rawStored == 0 ? 0 : (double) restoreSize / rawStored;
        }
    }

    private final Repository repository;

    public Stats(Repository repository) {
        this.repository = repository;
    }

    public Totals of(List<Snapshot> snapshots) {
        Blobs blobs = new Blobs();
        Set<String> hardlinks = new HashSet<>();
        long[] files = {0};
        long[] restoreSize = {0};
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : snapshots) {
            blobs.add(BlobType.TREE, snapshot.tree());
            walker.walk(snapshot.tree(), (path, node) -> {
                if (node.type() == NodeType.FILE) {
                    files[0]++;
                    if (node.links() <= 1 || hardlinks.add(node.deviceId() + ":" + node.inode())) {
                        restoreSize[0] += node.size(); // a hardlinked file is restored once, as restic counts it
                    }
                    if (node.content() != null) {
                        node.content().forEach(id -> blobs.add(BlobType.DATA, id));
                    }
                } else if (node.subtree() != null) {
                    blobs.add(BlobType.TREE, node.subtree());
                }
            });
        }
        return new Totals(snapshots.size(), files[0], restoreSize[0], blobs.unique, blobs.stored, blobs.plain);
    }

    /**
     * The distinct blobs met, each counted once: marked in a bit set over index entries (600,000 blobs in 75 KB; a
     * set of their IDs took 55 MiB and left the heap too full to work), blobs the index lacks in small sets.
     */
    private final class Blobs {
        final BitSet seen = new BitSet(repository.indexEntryCount());
        final Set<Id> missingData = new HashSet<>();
        final Set<Id> missingTrees = new HashSet<>();
        long unique;
        long stored;
        long plain;

        void add(BlobType type, Id id) {
            int entry = repository.indexEntry(type, id);
            if (entry < 0) {
                if ((type == BlobType.DATA ? missingData : missingTrees).add(id)) {
                    unique++;
                }
                return;
            }
            if (seen.get(entry)) {
                return;
            }
            seen.set(entry);
            unique++;
            PackedBlob blob = repository.lookup(type, id);
            if (blob != null) {
                stored += blob.length();
                plain += blob.plaintextLength();
            }
        }
    }
}
