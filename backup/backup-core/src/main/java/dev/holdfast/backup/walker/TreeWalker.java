package dev.holdfast.backup.walker;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import java.util.function.BiConsumer;

/** Visits every node below a tree, depth first in name order, with its path ({@code /a/b}). */
public final class TreeWalker {

    private final Repository repository;

    public TreeWalker(Repository repository) {
        this.repository = repository;
    }

    /** Sees a node with its path and the tree that lists it; answers whether to walk into the node's subtree. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(String path, Node node, Id parentTree);
    }

    public void walk(Id tree, BiConsumer<String, Node> visitor) {
        walk(tree, (path, node, parent) -> {
            visitor.accept(path, node);
            return true;
        });
    }

    /** Visits the nodes below {@code tree}, entering a folder only when the visitor says so (restic's walker). */
    public void walk(Id tree, Visitor visitor) {
        walk(tree, "", visitor);
    }

    private void walk(Id treeId, String prefix, Visitor visitor) {
        Tree tree = repository.loadTree(treeId);
        for (Node node : tree.nodes()) {
            String path = prefix + "/" + node.name();
            if (visitor.visit(path, node, treeId) && node.subtree() != null) {
                walk(node.subtree(), path, visitor);
            }
        }
    }
}
