package dev.holdfast.backup.copier;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.TreeJson;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Copies snapshots to another repository as {@code restic copy}: trees as their exact bytes, data blobs the
 * destination lacks re-encrypted (never re-chunked), the new snapshot without parent and with {@code original} set.
 * Snapshots already copied (same original, time, tree, host, paths, tags) are skipped.
 */
public final class Copier {

    private final Repository source;
    private final Repository destination;

    public Copier(Repository source, Repository destination) {
        this.source = source;
        this.destination = destination;
    }

    /** Copies each snapshot unless already present; returns the new snapshots in the destination. */
    public List<Snapshot> copy(List<Snapshot> snapshots) {
        List<Snapshot> copied = new ArrayList<>();
        try (RepositoryLock sourceLock = source.lock(false); RepositoryLock destinationLock = destination.lock(false)) {
            List<Snapshot> existing = destination.snapshots();
            Set<Id> seenTrees = new HashSet<>();
            for (Snapshot snapshot : snapshots) {
                Id original = snapshot.original() == null ? snapshot.requireId() : snapshot.original();
                if (existing.stream().anyMatch(other -> sameSnapshot(other, snapshot, original))) {
                    continue;
                }
                copyTree(snapshot.tree(), seenTrees);
                destination.flush();
                copied.add(destination.saveSnapshot(new Snapshot(null, snapshot.time(), null, snapshot.tree(),
                        snapshot.paths(), snapshot.hostname(), snapshot.username(), snapshot.uid(), snapshot.gid(),
                        snapshot.excludes(), snapshot.tags(), original)));
            }
        }
        return copied;
    }

    private static boolean sameSnapshot(Snapshot other, Snapshot snapshot, Id original) {
        Id otherOriginal = other.original() == null ? other.id() : other.original();
        return Objects.equals(otherOriginal, original) && other.time().isEqual(snapshot.time())
                && other.tree().equals(snapshot.tree()) && other.hostname().equals(snapshot.hostname())
                && other.paths().equals(snapshot.paths()) && other.tags().equals(snapshot.tags());
    }

    private void copyTree(Id id, Set<Id> seen) {
        if (!seen.add(id) || destination.hasBlob(BlobType.TREE, id)) {
            return; // a tree the destination has comes with everything below it
        }
        byte[] raw = source.loadBlob(BlobType.TREE, id);
        for (Node node : TreeJson.decode(raw).nodes()) {
            if (node.content() != null) {
                for (Id blob : node.content()) {
                    if (!destination.hasBlob(BlobType.DATA, blob)) {
                        destination.saveBlob(BlobType.DATA, blob, source.loadBlob(BlobType.DATA, blob));
                    }
                }
            }
            if (node.subtree() != null) {
                copyTree(node.subtree(), seen);
            }
        }
        destination.saveBlob(BlobType.TREE, id, raw);
    }
}
