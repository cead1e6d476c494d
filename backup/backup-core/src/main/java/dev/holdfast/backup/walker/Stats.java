package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
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
        Set<Id> blobs = new HashSet<>();
        Set<String> hardlinks = new HashSet<>();
        Set<Id> trees = new HashSet<>();
        long[] files = {0};
        long[] restoreSize = {0};
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : snapshots) {
            trees.add(snapshot.tree());
            walker.walk(snapshot.tree(), (path, node) -> {
                if (node.type() == NodeType.FILE) {
                    files[0]++;
                    if (node.links() <= 1 || hardlinks.add(node.deviceId() + ":" + node.inode())) {
                        restoreSize[0] += node.size(); // a hardlinked file is restored once, as restic counts it
                    }
                    blobs.addAll(node.content());
                } else if (node.subtree() != null) {
                    trees.add(node.subtree());
                }
            });
        }
        long stored = 0;
        long plain = 0;
        for (Id id : blobs) {
            PackedBlob blob = repository.lookup(BlobType.DATA, id);
            if (blob != null) {
                stored += blob.length();
                plain += blob.plaintextLength();
            }
        }
        for (Id id : trees) {
            PackedBlob blob = repository.lookup(BlobType.TREE, id);
            if (blob != null) {
                stored += blob.length();
                plain += blob.plaintextLength();
            }
        }
        return new Totals(snapshots.size(), files[0], restoreSize[0], blobs.size() + trees.size(), stored, plain);
    }
}
