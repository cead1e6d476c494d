package dev.holdfast.backup.restorer;

import dev.holdfast.backup.GoFileMode;
import dev.holdfast.backup.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;

/**
 * What the JDK cannot make: FIFOs and device nodes, made by coreutils' {@code mknod} (the build targets Java 21, where
 * the foreign-function API that could call libc's {@code mknod} is still a preview), and {@code user.*} extended
 * attributes written back. Sockets are not restored, as restic does not restore them.
 */
final class SpecialFiles {

    private SpecialFiles() {}

    /** Whether {@code type} is a node made here. */
    static boolean handles(dev.holdfast.backup.NodeType type) {
        return type == dev.holdfast.backup.NodeType.FIFO || type == dev.holdfast.backup.NodeType.DEV
                || type == dev.holdfast.backup.NodeType.CHARDEV;
    }

    /** Makes the FIFO or device node {@code node} describes at {@code path}, with its permission bits. */
    static void make(Node node, Path path) throws IOException {
        long dev = node.device();
        long major = (dev >>> 8 & 0xfff) | (dev >>> 32 & ~0xfffL);
        long minor = (dev & 0xff) | (dev >>> 12 & ~0xffL);
        String mode = Integer.toOctalString(GoFileMode.toUnixPermissions(node.mode()) & 07777);
        List<String> command = switch (node.type()) {
            case FIFO -> List.of("mknod", "-m", mode, path.toString(), "p");
            case CHARDEV -> List.of("mknod", "-m", mode, path.toString(), "c", Long.toString(major), Long.toString(minor));
            case DEV -> List.of("mknod", "-m", mode, path.toString(), "b", Long.toString(major), Long.toString(minor));
            default -> throw new IllegalArgumentException(node.type().json() + " is not a special file");
        };
        run(command);
    }

    /**
     * Sets access and modification times without opening the file: the JDK opens it to set times, which blocks on a
     * FIFO until a writer comes. coreutils' {@code touch -c} uses {@code utimensat} directly.
     */
    static void setTimes(Node node, Path path) throws IOException {
        run(List.of("touch", "-c", "-h", "-a", "-d", "@" + epoch(node.atime()), path.toString()));
        run(List.of("touch", "-c", "-h", "-m", "-d", "@" + epoch(node.mtime()), path.toString()));
    }

    private static String epoch(java.time.OffsetDateTime time) {
        return time.toEpochSecond() + "." + String.format("%09d", time.getNano());
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IOException(command.getFirst() + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }

    /** Writes back the {@code user.*} attributes of {@code node}; other namespaces are skipped. */
    static void writeAttributes(Node node, Path path) throws IOException {
        if (node.extendedAttributes().isEmpty()) {
            return;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new IOException("the filesystem has no extended attributes");
        }
        for (Node.ExtendedAttribute attribute : node.extendedAttributes()) {
            if (attribute.name().startsWith("user.")) {
                view.write(attribute.name().substring("user.".length()), ByteBuffer.wrap(attribute.value()));
            }
        }
    }
}
