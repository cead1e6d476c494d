package dev.holdfast.backup.filter;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Match} for one path component: {@code *} any run of non-{@code /} characters, {@code ?} one,
 * {@code [abc]}, {@code [a-z]}, {@code [^a-z]} classes, {@code \} escapes the next character. Unlike Java's glob there
 * is no {@code {a,b}} and a class is negated with {@code ^}. Immutable.
 */
public final class GoGlob {

    private final Pattern regex;

    private GoGlob(Pattern regex) {
        this.regex = regex;
    }

    /** The compiled glob, or empty for a pattern Go rejects ({@code ErrBadPattern}), which matches nothing. */
    public static Optional<GoGlob> compile(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (++i >= glob.length()) {
                        return Optional.empty();
                    }
                    out.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                case '[' -> {
                    int end = classEnd(glob, i + 1, out);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    i = end;
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        try {
            return Optional.of(new GoGlob(Pattern.compile(out.toString(), Pattern.DOTALL)));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Appends the class starting after {@code [} at {@code start}; returns the index of its {@code ]}, or -1. */
    private static int classEnd(String glob, int start, StringBuilder out) {
        int i = start;
        StringBuilder cls = new StringBuilder("[");
        if (i < glob.length() && glob.charAt(i) == '^') {
            cls.append('^');
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i >= glob.length()) {
                return -1;
            }
            if (glob.charAt(i) == ']' && ranges > 0) {
                break;
            }
            int[] lo = escaped(glob, i);
            if (lo == null) {
                return -1;
            }
            i = lo[1];
            int hi = lo[0];
            if (i < glob.length() && glob.charAt(i) == '-') {
                int[] h = escaped(glob, i + 1);
                if (h == null) {
                    return -1;
                }
                hi = h[0];
                i = h[1];
            }
            if (hi < lo[0]) {
                return -1;
            }
            cls.append(literal(lo[0])).append('-').append(literal(hi));
            ranges++;
        }
        if (cls.charAt(1) == '^') {
            cls.append("/");
        }
        out.append(cls).append(']');
        return i;
    }

    /** One class character at {@code i} (maybe escaped): {code point, next index}, or null where Go fails. */
    private static int @org.jspecify.annotations.Nullable [] escaped(String glob, int i) {
        if (i >= glob.length() || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
            return null;
        }
        if (glob.charAt(i) == '\\') {
            i++;
            if (i >= glob.length()) {
                return null;
            }
        }
        int cp = glob.codePointAt(i);
        return new int[] {cp, i + Character.charCount(cp)};
    }

    private static String literal(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    /** Whether the whole of {@code name} matches. */
    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
