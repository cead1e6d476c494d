package dev.holdfast.backup.restorer;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** Decides which snapshot paths a restore writes, from include and exclude globs. */
final class Selection {

    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final List<String> includePrefixes;

    Selection(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(Selection::matcher).toList();
        this.excludes = excludes.stream().map(Selection::matcher).toList();
        this.includePrefixes = includes;
    }

    private static PathMatcher matcher(String pattern) {
        String glob = pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1)
                : pattern;
        return FileSystems.getDefault().getPathMatcher("glob:" + (glob.startsWith("/") ? glob : "**/" + glob));
    }

    boolean excluded(String path) {
        Path p = Path.of(path);
        Path name = p.getFileName();
        return excludes.stream().anyMatch(m -> m.matches(p) || name != null && m.matches(Path.of("/").resolve(name)));
    }

    /** Whether {@code path} itself is selected by an include (everything is when there are none). */
    boolean included(String path) {
        return includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(Path.of(path)));
    }

    /** Whether something below directory {@code path} may be included. */
    boolean mayContainIncluded(String path) {
        if (includes.isEmpty()) {
            return true;
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        return includePrefixes.stream().anyMatch(p -> !p.startsWith("/") || p.startsWith(prefix) || p.contains("*"));
    }
}
