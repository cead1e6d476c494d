package dev.holdfast.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A directory listing: nodes sorted by the UTF-8 bytes of their names, strictly increasing, as restic requires. */
public record Tree(List<Node> nodes) {

    /** Orders names as Go compares strings: by unsigned UTF-8 bytes (not UTF-16 code units). */
    public static final Comparator<String> NAME_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    public Tree {
        nodes = List.copyOf(nodes);
        for (int i = 1; i < nodes.size(); i++) {
            if (NAME_ORDER.compare(nodes.get(i - 1).name(), nodes.get(i).name()) >= 0) {
                throw new IntegrityException("tree nodes not strictly sorted at \"" + nodes.get(i).name() + "\"");
            }
        }
    }

    /** A tree from nodes in any order. */
    public static Tree sorted(List<Node> nodes) {
        List<Node> copy = new ArrayList<>(nodes);
        copy.sort(Comparator.comparing(Node::name, NAME_ORDER));
        return new Tree(copy);
    }

    public Optional<Node> find(String name) {
        int low = 0;
        int high = nodes.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = NAME_ORDER.compare(nodes.get(mid).name(), name);
            if (cmp == 0) {
                return Optional.of(nodes.get(mid));
            }
            if (cmp < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return Optional.empty();
    }
}
