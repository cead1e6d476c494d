package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Asserts that two directory trees are identical in what a backup must keep. */
public final class TreeComparison {

    private TreeComparison() {}

    public static void assertIdentical(Path expected, Path actual) throws IOException {
        Map<String, String> want = describe(expected);
        Map<String, String> got = describe(actual);
        assertThat(got).as("restored tree %s vs original %s", actual, expected).isEqualTo(want);
    }

    /** Relative path → type, mode, mtime and content hash or link target. */
    public static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                result.put(root.relativize(path).toString(), describeOne(path));
            }
        }
        return result;
    }

    private static String describeOne(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        String common = Integer.toOctalString((Integer) a.get("mode")) + " " + a.get("lastModifiedTime");
        if (Files.isSymbolicLink(path)) {
            return common + " -> " + Files.readSymbolicLink(path);
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return common + " dir" + attributes(path);
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return common + " special"; // a FIFO or device: its mode says which; never opened
        }
        return common + " " + Files.size(path) + " " + hash(path) + attributes(path);
    }

    /** The {@code user.*} extended attributes, sorted, as name=hex. */
    private static String attributes(Path path) throws IOException {
        var view = Files.getFileAttributeView(path, java.nio.file.attribute.UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        Map<String, String> values = new TreeMap<>();
        for (String name : view.list()) {
            java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            values.put(name, java.util.HexFormat.of().formatHex(value.array()));
        }
        return values.isEmpty() ? "" : " xattrs " + values;
    }

    /** SHA-256 of the content, streamed: files may be larger than an array. */
    private static String hash(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
