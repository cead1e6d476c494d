package dev.holdfast.backup.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** Issue 4, 6d: names, sizes and shapes that break naive implementations (the 2 GiB sparse file is not here). */
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
        return root;
    }
}
