package dev.holdfast.backup.filter;

import java.util.List;
import java.util.Locale;

/**
 * restic's {@code filter.List}: a path is matched when some pattern matches it and no later negated ({@code !})
 * pattern does. Case-insensitive lists lower-case patterns and paths, as {@code --iexclude} does. Immutable.
 */
public final class PatternList {

    private final List<PathPattern> patterns;
    private final boolean ignoreCase;

    private PatternList(List<PathPattern> patterns, boolean ignoreCase) {
        this.patterns = patterns;
        this.ignoreCase = ignoreCase;
    }

    /** Blank patterns are dropped, as restic drops them. */
    public static PatternList of(List<String> patterns, boolean ignoreCase) {
        return new PatternList(patterns.stream().filter(p -> !p.isBlank())
                .map(p -> PathPattern.parse(ignoreCase ? p.toLowerCase(Locale.ROOT) : p)).toList(), ignoreCase);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Whether something below directory {@code path} may be matched (restic's {@code ListWithChild}): some pattern may
     * match a child, and no negated pattern matches the directory itself (which would match all it holds).
     */
    public boolean childMayMatch(String path) {
        String subject = ignoreCase ? path.toLowerCase(Locale.ROOT) : path;
        boolean may = false;
        for (PathPattern pattern : patterns) {
            if (pattern.negated()) {
                may = may && !pattern.matches(subject);
            } else if (!may) {
                may = pattern.childMayMatch(subject);
            }
        }
        return may;
    }

    public boolean matches(String path) {
        String subject = ignoreCase ? path.toLowerCase(Locale.ROOT) : path;
        boolean matched = false;
        for (PathPattern pattern : patterns) {
            if (pattern.negated()) {
                matched = matched && !pattern.matches(subject);
            } else if (!matched) {
                matched = pattern.matches(subject);
            }
        }
        return matched;
    }
}
