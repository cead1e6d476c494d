package dev.holdfast.platform.identity;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A group of users in the directory. Groups form a tree: a member of a group is also counted a member of every
 * ancestor for role inheritance (a member of C whose parent is P holds the roles assigned to P).
 *
 * @param parent the enclosing group, or null for a top-level group
 * @param attributes custom attributes (name to value), for claims and mappings
 */
public record Group(GroupId id, String name, @Nullable GroupId parent, @Nullable String description,
        Map<String, String> attributes) {

    public Group {
        attributes = Map.copyOf(attributes);
    }

    /** The stable identifier of a group. */
    public record GroupId(UUID value) {

        public static GroupId random() {
            return new GroupId(UUID.randomUUID());
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }
}
