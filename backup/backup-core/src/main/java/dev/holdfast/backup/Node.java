package dev.holdfast.backup;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a tree, as restic stores it. {@code mode} holds Go {@code os.FileMode} bits (see {@link GoFileMode});
 * unsigned 64-bit values (inode, device, size, links) are kept in {@code long}s. {@code content} is non-null for files
 * (empty for an empty file) and null otherwise; {@code subtree} is set for directories.
 */
public record Node(
        String name,
        NodeType type,
        int mode,
        OffsetDateTime mtime,
        OffsetDateTime atime,
        OffsetDateTime ctime,
        long uid,
        long gid,
        String user,
        String group,
        long inode,
        long deviceId,
        long size,
        long links,
        String linkTarget,
        List<ExtendedAttribute> extendedAttributes,
        long device,
        @Nullable List<Id> content,
        @Nullable Id subtree,
        String error) {

    public Node {
        extendedAttributes = List.copyOf(extendedAttributes);
        content = content == null ? null : List.copyOf(content);
    }

    /** An extended attribute; equal to another with the same name and the same bytes. */
    public record ExtendedAttribute(String name, byte[] value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ExtendedAttribute that && name.equals(that.name)
                    && java.util.Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + value.length + " bytes";
        }
    }

    public Node withContent(List<Id> newContent, long newSize) {
        return new Node(name, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, newSize, links,
                linkTarget, extendedAttributes, device, newContent, subtree, error);
    }

    public Node withSubtree(Id newSubtree) {
        return new Node(name, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, extendedAttributes, device, content, newSubtree, error);
    }

    public Node withName(String newName) {
        return new Node(newName, type, mode, mtime, atime, ctime, uid, gid, user, group, inode, deviceId, size, links,
                linkTarget, extendedAttributes, device, content, subtree, error);
    }
}
