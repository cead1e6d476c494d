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
            return common + " dir";
        }
        return common + " " + Files.size(path) + " " + dev.holdfast.backup.Id.hash(Files.readAllBytes(path)).hex();
    }
}
