package dev.holdfast.backup.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/** A small tree with the cases restic must round-trip: chunked, compressible, empty, odd names, links, modes. */
public final class SampleTree {

    private SampleTree() {}

    public static Path create(Path root) throws IOException {
        Random random = new Random(7);
        Files.createDirectories(root);
        write(root.resolve("small.txt"), "hello, restic\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--", 1);
        write(root.resolve("empty.bin"), new byte[0], "rw-------", 2);
        byte[] noise = new byte[3 * 1024 * 1024 + 77];
        random.nextBytes(noise);
        write(root.resolve("random.bin"), noise, "rw-r-----", 3);
        write(root.resolve("zeros.bin"), new byte[1536 * 1024], "rw-r--r--", 4);
        write(root.resolve("text.log"), "line of a compressible log file\n".repeat(40_000)
                .getBytes(StandardCharsets.UTF_8), "rw-r--r--", 5);
        write(root.resolve("run.sh"), "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), "rwxr-xr-x", 6);
        write(root.resolve("back\\slash"), "b".getBytes(StandardCharsets.UTF_8), "rw-r--r--", 7);
        write(root.resolve("grüße 😀 \"quoted\" <&>.txt"), "u".getBytes(StandardCharsets.UTF_8), "rw-r--r--", 8);
        Path nested = Files.createDirectories(root.resolve("dir with space/nested/deeper"));
        write(nested.resolve("deep.txt"), "deep".getBytes(StandardCharsets.UTF_8), "rw-r--r--", 9);
        Files.createSymbolicLink(root.resolve("link"), Path.of("small.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("does/not/exist"));
        Files.createLink(root.resolve("hardlink.txt"), root.resolve("run.sh"));
        Path emptyDir = Files.createDirectories(root.resolve("empty dir"));
        Files.setPosixFilePermissions(emptyDir, PosixFilePermissions.fromString("rwxr-x---"));
        times(root.resolve("link"), 10);
        times(root.resolve("dangling"), 11);
        times(emptyDir, 12);
        times(nested, 13);
        times(nested.getParent(), 14);
        times(nested.getParent().getParent(), 15);
        times(root, 16);
        return root;
    }

    private static void write(Path path, byte[] content, String mode, int time) throws IOException {
        Files.write(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        times(path, time);
    }

    /** Distinct times with nanoseconds, so restores that drop precision are caught. */
    public static void times(Path path, int n) throws IOException {
        FileTime time = FileTime.from(Instant.ofEpochSecond(1_600_000_000L + n * 86_400L, 123_456_789L + n));
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, time, null);
    }
}
