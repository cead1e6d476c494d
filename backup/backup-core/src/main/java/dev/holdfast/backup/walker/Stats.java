package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
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
    /**
     * @param files regular files (hardlinks each time)
     * @param entries every node a restore writes: files, directories, symlinks and the rest (restic's "total file
     *     count" in restore-size mode)
     */
    public record Totals(int snapshots, long files, long entries, long restoreSize, long uniqueBlobs, long rawStored,
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
        BlobSet blobs = new BlobSet(repository);
        long[] files = {0};
        long[] entries = {0};
        long[] restoreSize = {0};
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : snapshots) {
            Set<String> hardlinks = new HashSet<>(); // per snapshot: each one's restore writes its own copy
            blobs.add(BlobType.TREE, snapshot.tree());
            walker.walk(snapshot.tree(), (path, node) -> {
                entries[0]++;
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
        BlobSet.Totals raw = blobs.totals();
        return new Totals(snapshots.size(), files[0], entries[0], restoreSize[0], raw.dataBlobs() + raw.treeBlobs(),
                raw.stored(), raw.plaintext());
    }
}
