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

    public void walk(Id tree, BiConsumer<String, Node> visitor) {
        walk(tree, "", visitor);
    }

    private void walk(Id treeId, String prefix, BiConsumer<String, Node> visitor) {
        Tree tree = repository.loadTree(treeId);
        for (Node node : tree.nodes()) {
            String path = prefix + "/" + node.name();
            visitor.accept(path, node);
            if (node.subtree() != null) {
                walk(node.subtree(), path, visitor);
            }
        }
    }
}
