package dev.holdfast.backup.walker;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two snapshot trees as {@code restic diff} does: a change per path with modifiers {@code +} added,
 * {@code -} removed, {@code T} type changed, {@code M} content changed ({@code ?} added when all else is equal:
 * probable bitrot), {@code U} metadata changed (only when asked); directories end in a slash. Statistics count the
 * added and removed entries and the blobs only one side references, with their plaintext sizes.
 */
public final class Differ {

    /** One difference: restic's modifier string and the path. */
    public record Change(String modifier, String path) {

        @Override
        public String toString() {
            return String.format("%-5s%s", modifier, path);
        }
    }

    /** restic's {@code DiffStat}: entries by kind, and blobs with their plaintext bytes. */
    public record Stat(int files, int dirs, int others, int dataBlobs, int treeBlobs, long bytes) {}

    /** Every change in path order, the number of files whose content changed, and the added and removed totals. */
    public record Result(List<Change> changes, int changedFiles, Stat added, Stat removed) {}

    private static final class Counts {
        int files;
        int dirs;
        int others;

        void add(Node node) {
            switch (node.type()) {
                case FILE -> files++;
                case DIR -> dirs++;
                default -> others++;
            }
        }
    }

    private final Repository repository;
    private final boolean metadata;

    /** @param metadata report metadata-only changes ({@code U}), as {@code restic diff --metadata} */
    public Differ(Repository repository, boolean metadata) {
        this.repository = repository;
        this.metadata = metadata;
    }

    public Differ(Repository repository) {
        this(repository, false);
    }

    private final class Run {
        final List<Change> changes = new ArrayList<>();
        /** Blobs met on each side, and those below subtrees both sides share (compared no further). */
        final BlobSet before = new BlobSet(repository);
        final BlobSet after = new BlobSet(repository);
        final BlobSet common = new BlobSet(repository);
        final Counts added = new Counts();
        final Counts removed = new Counts();
        int changedFiles;
    }

    public Result diff(Id first, Id second) {
        Run run = new Run();
        run.before.add(BlobType.TREE, first);
        run.after.add(BlobType.TREE, second);
        diffTree(run, "/", first, second);
        // a blob only one side has: in that side's, not in the other's, nor below a subtree both share
        return new Result(run.changes, run.changedFiles,
                stat(run.added, run.after.andNot(run.before).andNot(run.common)),
                stat(run.removed, run.before.andNot(run.after).andNot(run.common)));
    }

    private static Stat stat(Counts counts, BlobSet blobs) {
        BlobSet.Totals totals = blobs.totals();
        return new Stat(counts.files, counts.dirs, counts.others, totals.dataBlobs(), totals.treeBlobs(),
                totals.plaintext());
    }

    private static void addBlobs(BlobSet set, Node node) {
        if (node.type() == NodeType.FILE && node.content() != null) {
            node.content().forEach(id -> set.add(BlobType.DATA, id));
        } else if (node.type() == NodeType.DIR && node.subtree() != null) {
            set.add(BlobType.TREE, node.subtree());
        }
    }

    private void diffTree(Run run, String prefix, Id firstId, Id secondId) {
        Tree first = repository.loadTree(firstId);
        Tree second = repository.loadTree(secondId);
        TreeSet<String> names = new TreeSet<>(Tree.NAME_ORDER);
        first.nodes().forEach(n -> names.add(n.name()));
        second.nodes().forEach(n -> names.add(n.name()));
        for (String name : names) {
            Node a = first.find(name).orElse(null);
            Node b = second.find(name).orElse(null);
            String path = prefix + name;
            if (a != null) {
                addBlobs(run.before, a);
            }
            if (b != null) {
                addBlobs(run.after, b);
            }
            if (a != null && b != null) {
                compare(run, a, b, path);
            } else if (a != null) {
                whole(run, "-", a, path, run.removed, run.before);
            } else if (b != null) {
                whole(run, "+", b, path, run.added, run.after);
            }
        }
    }

    private void compare(Run run, Node a, Node b, String path) {
        String modifier = a.type() != b.type() ? "T" : "";
        String name = b.type() == NodeType.DIR ? path + "/" : path;
        if (a.type() == NodeType.FILE && b.type() == NodeType.FILE && !Objects.equals(a.content(), b.content())) {
            modifier += "M";
            run.changedFiles++;
            if (sameMetadata(a, b)) {
                modifier += "?";
            }
        } else if (metadata && !(sameMetadata(a, b) && Objects.equals(a.content(), b.content())
                && Objects.equals(a.subtree(), b.subtree()))) {
            modifier += "U";
        }
        if (!modifier.isEmpty()) {
            run.changes.add(new Change(modifier, name));
        }
        if (a.type() == NodeType.DIR && b.type() == NodeType.DIR && a.subtree() != null && b.subtree() != null) {
            if (a.subtree().equals(b.subtree())) {
                collect(run.common, a.subtree());
            } else {
                diffTree(run, name, a.subtree(), b.subtree());
            }
        }
    }

    /** An entry only one side has, and everything below it. */
    private void whole(Run run, String modifier, Node node, String path, Counts counts, BlobSet blobs) {
        String name = node.type() == NodeType.DIR ? path + "/" : path;
        run.changes.add(new Change(modifier, name));
        counts.add(node);
        if (node.type() == NodeType.DIR && node.subtree() != null) {
            for (Node child : repository.loadTree(node.subtree()).nodes()) {
                addBlobs(blobs, child);
                whole(run, modifier, child, name + child.name(), counts, blobs);
            }
        }
    }

    private void collect(BlobSet blobs, Id tree) {
        for (Node node : repository.loadTree(tree).nodes()) {
            addBlobs(blobs, node);
            if (node.type() == NodeType.DIR && node.subtree() != null) {
                collect(blobs, node.subtree());
            }
        }
    }

    /** restic's {@code Node.Equals} without content and subtree. */
    private static boolean sameMetadata(Node a, Node b) {
        return a.name().equals(b.name()) && a.type() == b.type() && a.mode() == b.mode()
                && a.mtime().isEqual(b.mtime()) && a.atime().isEqual(b.atime()) && a.ctime().isEqual(b.ctime())
                && a.uid() == b.uid() && a.gid() == b.gid() && a.user().equals(b.user())
                && a.group().equals(b.group()) && a.inode() == b.inode() && a.deviceId() == b.deviceId()
                && a.size() == b.size() && a.links() == b.links() && a.linkTarget().equals(b.linkTarget())
                && a.device() == b.device() && a.error().equals(b.error()) && sameAttributes(a, b);
    }

    private static boolean sameAttributes(Node a, Node b) {
        if (a.extendedAttributes().size() != b.extendedAttributes().size()) {
            return false;
        }
        for (int i = 0; i < a.extendedAttributes().size(); i++) {
            var x = a.extendedAttributes().get(i);
            var y = b.extendedAttributes().get(i);
            if (!x.name().equals(y.name()) || !Arrays.equals(x.value(), y.value())) {
                return false;
            }
        }
        return true;
    }
}
