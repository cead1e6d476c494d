package dev.holdfast.backup.archiver;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclude patterns, close to restic's: a pattern without a slash matches a base name at any depth; one starting with
 * a slash matches the absolute path (or any of its parents); {@code *} and {@code ?} do not cross slashes, {@code **}
 * does.
 */
final class Excludes {

    private final List<PathMatcher> names = new ArrayList<>();
    private final List<PathMatcher> paths = new ArrayList<>();

    Excludes(List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                continue;
            }
            String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (glob.contains("/")) {
                paths.add(FileSystems.getDefault().getPathMatcher("glob:" + (glob.startsWith("/") ? glob : "**/" + glob)));
            } else {
                names.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            }
        }
    }

    boolean excluded(Path path) {
        Path name = path.getFileName();
        if (name != null && names.stream().anyMatch(m -> m.matches(name))) {
            return true;
        }
        return paths.stream().anyMatch(m -> m.matches(path));
    }
}
