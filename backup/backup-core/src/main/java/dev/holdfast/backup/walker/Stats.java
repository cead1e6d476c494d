package dev.holdfast.backup.walker;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sizes of snapshots, as {@code restic stats}: restore size (what a restore would write), raw data (unique blobs, as
 * stored and as plaintext, whose ratio shows deduplication and compression), files by contents and blobs per file.
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

    /**
     * restic's {@code files-by-contents} and {@code blobs-per-file} counts.
     *
     * @param uniqueContents entries with distinct content (restic counts every entry without content, such as a
     *     folder, as one more)
     * @param uniqueContentsSize the sizes of those entries
     * @param files files (by path) with distinct content that hold data
     * @param fileBlobs distinct blobs per such file, summed
     * @param fileBlobsSize the plaintext sizes of those blobs
     */
    public record ByContents(long uniqueContents, long uniqueContentsSize, long files, long fileBlobs,
            long fileBlobsSize) {}

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

    /**
     * Counts entries by their content, as restic's {@code files-by-contents} and {@code blobs-per-file} modes do:
     * an entry counts when no entry seen before had the same list of blobs; for the second count its blobs are
     * counted once per path.
     */
    public ByContents byContents(List<Snapshot> snapshots) {
        Set<Id> contents = new HashSet<>();
        Map<String, Set<Id>> blobsByPath = new HashMap<>();
        long[] counts = new long[5];
        TreeWalker walker = new TreeWalker(repository);
        for (Snapshot snapshot : snapshots) {
            walker.walk(snapshot.tree(), (path, node) -> {
                List<Id> content = node.content() == null ? List.of() : node.content();
                List<byte[]> ids = new ArrayList<>(content.size());
                content.forEach(id -> ids.add(id.bytes()));
                if (!contents.add(Id.hash(ids))) {
                    return;
                }
                counts[0]++;
                counts[1] += node.size();
                for (Id blob : content) {
                    Set<Id> seen = blobsByPath.computeIfAbsent(path, p -> {
                        counts[2]++;
                        return new HashSet<>();
                    });
                    if (seen.add(blob)) {
                        PackedBlob packed = repository.lookup(BlobType.DATA, blob);
                        if (packed == null) {
                            throw new BackupException("blob " + blob.hex() + " not found for " + path);
                        }
                        counts[3]++;
                        counts[4] += packed.plaintextLength();
                    }
                }
            });
        }
        return new ByContents(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
