package dev.holdfast.backup.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/**
 * One restic pattern ({@code --exclude}, {@code --include}): split at {@code /} into components, each a {@link GoGlob};
 * a pattern starting with {@code /} matches from the root, any other matches any run of consecutive components of the
 * path (so {@code foo} matches {@code /a/foo} and {@code /a/foo/b}); {@code **} stands for any number of components;
 * a leading {@code !} negates. Immutable.
 */
public final class PathPattern {

    /** One component of a pattern: {@code **}, a glob, or a glob Go rejects (matches nothing). */
    private record Part(boolean doubleStar, @Nullable GoGlob glob) {

        static final Part DOUBLE_STAR = new Part(true, null);
        static final Part ANY = new Part(false, GoGlob.compile("*").orElseThrow());

        static Part of(String component) {
            return component.equals("**") ? DOUBLE_STAR : new Part(false, GoGlob.compile(component).orElse(null));
        }

        boolean matches(String name) {
            return glob != null && glob.matches(name);
        }
    }

    private final String original;
    private final boolean negated;
    private final boolean rooted;
    private final List<Part> parts;

    private PathPattern(String original, boolean negated, boolean rooted, List<Part> parts) {
        this.original = original;
        this.negated = negated;
        this.rooted = rooted;
        this.parts = List.copyOf(parts);
    }

    public static PathPattern parse(String pattern) {
        boolean negated = pattern.startsWith("!");
        String body = clean(negated ? pattern.substring(1) : pattern);
        boolean rooted = body.startsWith("/");
        List<Part> parts = new ArrayList<>();
        for (String component : components(body)) {
            parts.add(Part.of(component));
        }
        return new PathPattern(pattern, negated, rooted, parts);
    }

    /** Go's {@code filepath.Clean}: no doubled or trailing slashes, no {@code .} components, {@code ..} resolved. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !out.isEmpty() && !out.getLast().equals("..")) {
                out.removeLast();
            } else if (!(part.equals("..") && rooted && out.isEmpty())) {
                out.add(part);
            }
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    static List<String> components(String path) {
        List<String> result = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    public boolean negated() {
        return negated;
    }

    @Override
    public String toString() {
        return original;
    }

    /** Whether this pattern (its negation aside) matches {@code path}, an absolute path. */
    public boolean matches(String path) {
        return matches(parts, components(path));
    }

    /**
     * Whether something below directory {@code path} may match this pattern (restic's {@code ChildMatch}): always for a
     * pattern that is not rooted; for a rooted one, whether the path matches the pattern's leading components (up to
     * a {@code **}, which matches any depth).
     */
    public boolean childMayMatch(String path) {
        if (!rooted) {
            return true;
        }
        List<String> components = components(path);
        int star = parts.indexOf(Part.DOUBLE_STAR);
        if (star >= 0 && components.size() >= star) {
            components = components.subList(0, star);
        }
        int length = Math.min(components.size(), parts.size());
        return matches(parts.subList(0, length), components);
    }

    private boolean matches(List<Part> pattern, List<String> path) {
        int star = pattern.indexOf(Part.DOUBLE_STAR);
        if (star >= 0) {
            // ** becomes 0, 1, 2, ... single-component wildcards, as restic expands it
            for (int n = 0; n <= path.size() - (pattern.size() - 1); n++) {
                List<Part> expanded = new ArrayList<>(pattern.subList(0, star));
                expanded.addAll(Collections.nCopies(n, Part.ANY));
                expanded.addAll(pattern.subList(star + 1, pattern.size()));
                if (matches(expanded, path)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern.isEmpty()) {
            return path.isEmpty();
        }
        int maxOffset = rooted ? 0 : path.size() - pattern.size();
        for (int offset = maxOffset; offset >= 0; offset--) {
            if (pattern.size() <= path.size() && window(pattern, path, offset)) {
                return true;
            }
        }
        return false;
    }

    private static boolean window(List<Part> pattern, List<String> path, int offset) {
        for (int i = pattern.size() - 1; i >= 0; i--) {
            if (!pattern.get(i).matches(path.get(offset + i))) {
                return false;
            }
        }
        return true;
    }
}
