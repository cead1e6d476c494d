package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * restic's {@code recover}: the trees still in the repository that no other tree and no snapshot refers to (what
 * remains of forgotten snapshots until a prune), gathered under a new snapshot of {@code /recover} tagged
 * {@code recovered}, one folder per tree named by its short ID.
 */
public final class Recovery {

    private final Repository repository;

    public Recovery(Repository repository) {
        this.repository = repository;
    }

    /** The unreferenced trees, in index order; a tree that cannot be loaded is reported to {@code warnings}. */
    public List<Id> roots(Consumer<String> warnings) {
        Set<Id> trees = new LinkedHashSet<>();
        for (PackedBlob blob : repository.indexedBlobs(BlobType.TREE)) {
            trees.add(blob.id());
        }
        Set<Id> referenced = new HashSet<>();
        for (Id id : trees) {
            try {
                for (Node node : repository.loadTree(id).nodes()) {
                    if (node.type() == NodeType.DIR && node.subtree() != null) {
                        referenced.add(node.subtree());
                    }
                }
            } catch (RuntimeException e) {
                warnings.accept("unable to load tree " + id.shortHex() + ": " + e.getMessage());
            }
        }
        for (Snapshot snapshot : repository.snapshots()) {
            referenced.add(snapshot.tree());
        }
        List<Id> roots = new ArrayList<>();
        for (Id id : trees) {
            if (!referenced.contains(id)) {
                roots.add(id);
            }
        }
        return roots;
    }

    /** Saves a snapshot holding {@code roots}; returns it, or null when there are none. Hold a lock. */
    public @Nullable Snapshot save(List<Id> roots, String hostname) {
        if (roots.isEmpty()) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<Node> nodes = new ArrayList<>();
        for (Id root : roots) {
            nodes.add(new Node(root.shortHex(), NodeType.DIR, 0755, now, now, now, 0, 0, "", "", 0, 0, 0, 0, "",
                    List.of(), 0, null, root, ""));
        }
        Id tree = repository.saveTree(Tree.sorted(nodes));
        repository.flush();
        return repository.saveSnapshot(new Snapshot(null, now, null, tree, List.of("/recover"), hostname,
                Host.username(), Host.uid(), Host.gid(), List.of(), List.of("recovered"), null));
    }
}
