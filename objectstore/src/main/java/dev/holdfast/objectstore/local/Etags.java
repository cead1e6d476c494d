package dev.holdfast.objectstore.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * A file's etag: its inode, modification time in nanoseconds and size. Each put writes a new file (new inode), and a
 * rename or hard link keeps all three, so the tag a put returns is the tag stat reports for that content.
 */
final class Etags {

    private Etags() {}

    static String of(Path file) throws IOException {
        return of(file, Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    static String of(Path file, BasicFileAttributes attributes) throws IOException {
        long inode;
        try {
            inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Object fileKey = attributes.fileKey();
            inode = fileKey == null ? 0 : fileKey.hashCode();
        }
        long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return Long.toHexString(inode) + "-" + Long.toHexString(nanos) + "-" + Long.toHexString(attributes.size());
    }
}
