package dev.holdfast.backup.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/**
 * Issue 4, 6d: names, sizes and shapes that break naive implementations, plus {@code user.*} extended attributes, a
 * FIFO and a sparse file above 2 GiB.
 */
public final class HardTree {

    private HardTree() {}

    public static Path create(Path root) throws IOException {
        Random random = new Random(11);
        Files.createDirectories(root);
        // UTF-16 orders U+1F600 (surrogates D83D..) before U+FF5E; UTF-8 and Go order it after.
        Files.writeString(root.resolve("\uFF5E wave"), "wave");
        Files.writeString(root.resolve("\uD83D\uDE00 smile"), "smile");
        Files.writeString(root.resolve("tab\there"), "tab");
        Files.writeString(root.resolve("new\nline"), "newline");
        Files.writeString(root.resolve("back\\slash\\\\double"), "bs");
        Files.writeString(root.resolve("ctrl\u0001\u007f"), "ctrl");
        Files.writeString(root.resolve("nbsp\u00a0zwsp\u200b"), "spaces");
        Files.writeString(root.resolve("-dash"), "dash");
        for (int size : new int[] {524_287, 524_288, 524_289}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Files.write(root.resolve("size-" + size), data);
        }
        byte[] max = new byte[8 * 1024 * 1024 + 1];
        Files.write(root.resolve("size-8MiB-plus-1-zeros"), max);
        Path deep = root;
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "deep");
        Path sticky = Files.createDirectories(root.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Path setuid = Files.writeString(root.resolve("setuid"), "s");
        Files.setAttribute(setuid, "unix:mode", 04755);
        Path readOnlyDir = Files.createDirectories(root.resolve("read-only dir"));
        Files.writeString(readOnlyDir.resolve("inside"), "x");
        Files.setPosixFilePermissions(readOnlyDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createSymbolicLink(root.resolve("link to dir"), Path.of("sticky"));
        Files.createSymbolicLink(root.resolve("absolute dangling"), Path.of("/nonexistent/\u00fc"));
        Path tagged = Files.writeString(root.resolve("tagged"), "with attributes");
        attribute(tagged, "comment", "a \u00fc comment".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        attribute(tagged, "binary", new byte[] {0, 1, (byte) 0xff});
        attribute(Files.createDirectories(root.resolve("tagged dir")), "role", "dir".getBytes());
        fifo(root.resolve("pipe"));
        sparse(root.resolve("sparse-2GiB"));
        return root;
    }

    private static void attribute(Path path, String name, byte[] value) throws IOException {
        Files.getFileAttributeView(path, java.nio.file.attribute.UserDefinedFileAttributeView.class)
                .write(name, java.nio.ByteBuffer.wrap(value));
    }

    /** A FIFO with mode 0640; the JDK cannot make one, so coreutils' mkfifo does. */
    private static void fifo(Path path) throws IOException {
        try {
            Process process = new ProcessBuilder("mkfifo", "-m", "0640", path.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException("mkfifo failed for " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** 2 GiB + 4 KiB, nearly all hole, with a few bytes in the middle and at the end. */
    private static void sparse(Path path) throws IOException {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            file.setLength((2L << 30) + 4096);
            file.seek(1L << 30);
            file.write("middle".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            file.seek((2L << 30) + 4000);
            file.write("end".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
