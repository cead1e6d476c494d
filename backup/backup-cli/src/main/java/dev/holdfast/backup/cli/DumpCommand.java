package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dump}: writes one file of a snapshot to standard output, as {@code restic dump} does (a database dump piped
 * straight into its restore). A directory, which restic writes as a tar archive, is refused for now.
 */
@Command(name = "dump", description = "Print a backed-up file to stdout")
final class DumpCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshotId = "latest";

    @Parameters(index = "1", paramLabel = "FILE", description = "the file's path in the snapshot")
    String path = "";

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Snapshot snapshot = filter.find(repository, snapshotId);
            Node node = find(repository, snapshot.tree(), path);
            if (node.type() != NodeType.FILE) {
                throw new BackupException("cannot dump " + path + ": it is a " + node.type().json()
                        + " (only files can be dumped; restic writes directories as a tar archive, Holdfast does not"
                        + " yet)");
            }
            List<Id> content = node.content() == null ? List.of() : node.content();
            for (Id blob : content) {
                byte[] data = repository.loadBlob(BlobType.DATA, blob);
                context.out().write(data, 0, data.length);
            }
            context.out().flush();
            if (context.out().checkError()) {
                throw new BackupException("cannot write to standard output");
            }
        }
        return HoldfastBackup.OK;
    }

    /** The node at {@code path} (absolute, as {@code ls} shows it) below the tree {@code root}. */
    private static Node find(Repository repository, Id root, String path) {
        Tree tree = repository.loadTree(root);
        Node node = null;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (tree == null) {
                throw new BackupException("cannot dump " + path + ": " + node.name() + " is not a directory");
            }
            node = tree.find(name).orElseThrow(() -> new BackupException("cannot dump " + path
                    + ": no such file in the snapshot"));
            tree = node.type() == NodeType.DIR && node.subtree() != null ? repository.loadTree(node.subtree()) : null;
        }
        if (node == null) {
            throw new BackupException("cannot dump " + path + ": name a file in the snapshot");
        }
        return node;
    }
}
