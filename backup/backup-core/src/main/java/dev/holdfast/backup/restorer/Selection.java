package dev.holdfast.backup.restorer;

import dev.holdfast.backup.filter.PatternList;

/**
 * Decides which snapshot paths a restore writes, as restic's {@code restore} does: with excludes, a path is restored
 * unless a pattern matches it, and an excluded directory is not entered; with includes, a path is restored when a
 * pattern matches it (a pattern matching a directory matches all it holds), and a directory is entered while a
 * pattern may match something below it. Patterns are restic's (see {@link PatternList}); the case-insensitive lists
 * ({@code --iinclude}, {@code --iexclude}) compare lower-cased.
 */
final class Selection {

    private final PatternList includes;
    private final PatternList insensitiveIncludes;
    private final PatternList excludes;
    private final PatternList insensitiveExcludes;

    Selection(RestoreOptions options) {
        includes = PatternList.of(options.includes(), false);
        insensitiveIncludes = PatternList.of(options.insensitiveIncludes(), true);
        excludes = PatternList.of(options.excludes(), false);
        insensitiveExcludes = PatternList.of(options.insensitiveExcludes(), true);
    }

    private boolean filtersByInclude() {
        return !includes.isEmpty() || !insensitiveIncludes.isEmpty();
    }

    /** Whether {@code path} itself is restored. */
    boolean selected(String path) {
        if (filtersByInclude()) {
            return includes.matches(path) || insensitiveIncludes.matches(path);
        }
        return !excludes.matches(path) && !insensitiveExcludes.matches(path);
    }

    /** Whether directory {@code path} is entered ({@code selected}: whether it is restored itself). */
    boolean entered(String path, boolean selected) {
        if (filtersByInclude()) {
            return includes.childMayMatch(path) || insensitiveIncludes.childMayMatch(path);
        }
        return selected;
    }
}
