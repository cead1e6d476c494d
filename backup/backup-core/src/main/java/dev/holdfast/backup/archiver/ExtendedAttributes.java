package dev.holdfast.backup.archiver;

import dev.holdfast.backup.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file's {@code user.*} extended attributes as restic records them: full names ({@code user.comment}) in the
 * order the filesystem lists them, raw values. Other namespaces (security, system, trusted) are not readable through
 * the JDK and are left out.
 */
final class ExtendedAttributes {

    private ExtendedAttributes() {}

    /** The attributes, or none where the filesystem has no extended attributes. */
    static List<Node.ExtendedAttribute> read(Path path) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return List.of();
        }
        List<String> names;
        try {
            names = view.list();
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            return List.of();
        }
        List<Node.ExtendedAttribute> result = new ArrayList<>(names.size());
        for (String name : names) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            result.add(new Node.ExtendedAttribute("user." + name, value.array()));
        }
        return result;
    }
}
