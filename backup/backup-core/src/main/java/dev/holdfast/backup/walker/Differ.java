package dev.holdfast.backup.walker;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two snapshot trees as {@code restic diff} does: {@code +} added, {@code -} removed, {@code M} content
 * changed, {@code U} metadata changed, {@code T} type changed; directories end in a slash.
 */
public final class Differ {

    /** One difference: a change letter and a path. */
    public record Change(char kind, String path) {

        @Override
        public String toString() {
            return kind + "    " + path;
        }
    }

    private final Repository repository;

    public Differ(Repository repository) {
        this.repository = repository;
    }

    public List<Change> diff(Id first, Id second) {
        List<Change> changes = new ArrayList<>();
        diff(first, second, "/", changes);
        return changes;
    }

    private void diff(Id firstId, Id secondId, String prefix, List<Change> changes) {
        if (firstId.equals(secondId)) {
            return;
        }
        Tree first = repository.loadTree(firstId);
        Tree second = repository.loadTree(secondId);
        TreeSet<String> names = new TreeSet<>(Tree.NAME_ORDER);
        first.nodes().forEach(n -> names.add(n.name()));
        second.nodes().forEach(n -> names.add(n.name()));
        for (String name : names) {
            Node a = first.find(name).orElse(null);
            Node b = second.find(name).orElse(null);
            String path = prefix + name;
            if (a == null) {
                added('+', b, path, changes);
            } else if (b == null) {
                added('-', a, path, changes);
            } else {
                compare(a, b, path, changes);
            }
        }
    }

    private void compare(Node a, Node b, String path, List<Change> changes) {
        if (a.type() != b.type()) {
            changes.add(new Change('T', path));
        } else if (a.type() == NodeType.DIR) {
            if (!sameMetadata(a, b)) {
                changes.add(new Change('U', path + "/"));
            }
            diff(a.subtree(), b.subtree(), path + "/", changes);
        } else if (!Objects.equals(a.content(), b.content()) || !a.linkTarget().equals(b.linkTarget())) {
            changes.add(new Change('M', path));
        } else if (!sameMetadata(a, b)) {
            changes.add(new Change('U', path));
        }
    }

    private static boolean sameMetadata(Node a, Node b) {
        return a.mode() == b.mode() && a.mtime().isEqual(b.mtime()) && a.uid() == b.uid() && a.gid() == b.gid();
    }

    private void added(char kind, Node node, String path, List<Change> changes) {
        if (node.type() == NodeType.DIR && node.subtree() != null) {
            changes.add(new Change(kind, path + "/"));
            new TreeWalker(repository).walk(node.subtree(), (sub, child) ->
                    changes.add(new Change(kind, path + sub + (child.type() == NodeType.DIR ? "/" : ""))));
        } else {
            changes.add(new Change(kind, path));
        }
    }
}
