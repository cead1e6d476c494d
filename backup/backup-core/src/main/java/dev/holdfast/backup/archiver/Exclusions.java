package dev.holdfast.backup.archiver;

import java.util.ArrayList;
import java.util.List;

/**
 * What a backup leaves out, with restic's semantics and flag names.
 *
 * @param patterns {@code --exclude}: restic patterns (see {@link dev.holdfast.backup.filter.PathPattern}); recorded in
 *     the snapshot as restic records them
 * @param insensitivePatterns {@code --iexclude}: the same, ignoring case
 * @param ifPresent {@code --exclude-if-present}: {@code NAME} or {@code NAME:HEADER}; a directory holding such a file
 *     (whose content starts with {@code HEADER}, if given) is kept with that file only
 * @param largerThan {@code --exclude-larger-than} in bytes: larger non-directories are left out; negative for no limit
 */
public record Exclusions(List<String> patterns, List<String> insensitivePatterns, List<String> ifPresent,
        long largerThan) {

    /** {@code --exclude-caches}: restic's tag for cache directories (bford.info/cachedir). */
    public static final String CACHEDIR_TAG = "CACHEDIR.TAG:Signature: 8a477f597d28d172789f06886806bc55";

    public static final Exclusions NONE = new Exclusions(List.of(), List.of(), List.of(), -1);

    public Exclusions {
        patterns = List.copyOf(patterns);
        insensitivePatterns = List.copyOf(insensitivePatterns);
        ifPresent = List.copyOf(ifPresent);
        for (String spec : ifPresent) {
            if (spec.isEmpty() || spec.startsWith(":")) {
                throw new IllegalArgumentException("no name for exclusion tagfile provided: '" + spec + "'");
            }
        }
    }

    public static Exclusions patterns(List<String> patterns) {
        return NONE.withPatterns(patterns);
    }

    public Exclusions withPatterns(List<String> values) {
        return new Exclusions(values, insensitivePatterns, ifPresent, largerThan);
    }

    public Exclusions withInsensitivePatterns(List<String> values) {
        return new Exclusions(patterns, values, ifPresent, largerThan);
    }

    public Exclusions withIfPresent(List<String> values) {
        return new Exclusions(patterns, insensitivePatterns, values, largerThan);
    }

    /** Adds {@link #CACHEDIR_TAG}. */
    public Exclusions withCaches() {
        List<String> all = new ArrayList<>(ifPresent);
        all.add(CACHEDIR_TAG);
        return withIfPresent(all);
    }

    public Exclusions withLargerThan(long bytes) {
        return new Exclusions(patterns, insensitivePatterns, ifPresent, bytes);
    }
}
