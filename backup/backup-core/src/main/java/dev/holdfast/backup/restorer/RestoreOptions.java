package dev.holdfast.backup.restorer;

import dev.holdfast.backup.BackupException;
import java.util.List;

/**
 * What to restore and how. Patterns are restic's ({@code --include}, {@code --exclude}): a pattern starting with
 * {@code /} matches snapshot paths from the root, any other matches a run of components anywhere (so a base name
 * matches at any depth); a pattern that matches a directory matches everything in it. Includes and excludes cannot be
 * combined, as in restic.
 *
 * @param includes restore only what these patterns match; empty means everything
 * @param insensitiveIncludes the same, ignoring case ({@code --iinclude})
 * @param excludes restore everything but what these patterns match
 * @param insensitiveExcludes the same, ignoring case ({@code --iexclude})
 * @param verify read restored files back and compare them with the snapshot
 * @param ownership restore user and group IDs (only possible as root)
 */
public record RestoreOptions(List<String> includes, List<String> insensitiveIncludes, List<String> excludes,
        List<String> insensitiveExcludes, boolean verify, boolean ownership) {

    public RestoreOptions {
        includes = List.copyOf(includes);
        insensitiveIncludes = List.copyOf(insensitiveIncludes);
        excludes = List.copyOf(excludes);
        insensitiveExcludes = List.copyOf(insensitiveExcludes);
        if ((!includes.isEmpty() || !insensitiveIncludes.isEmpty())
                && (!excludes.isEmpty() || !insensitiveExcludes.isEmpty())) {
            throw new BackupException("exclude and include patterns are mutually exclusive");
        }
    }

    /** Everything, ownership only when running as root. */
    public static RestoreOptions all() {
        return new RestoreOptions(List.of(), List.of(), List.of(), List.of(), false, isRoot());
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public RestoreOptions withVerify(boolean newVerify) {
        return new RestoreOptions(includes, insensitiveIncludes, excludes, insensitiveExcludes, newVerify, ownership);
    }

    public RestoreOptions withIncludes(List<String> newIncludes) {
        return new RestoreOptions(newIncludes, insensitiveIncludes, excludes, insensitiveExcludes, verify, ownership);
    }

    public RestoreOptions withInsensitiveIncludes(List<String> patterns) {
        return new RestoreOptions(includes, patterns, excludes, insensitiveExcludes, verify, ownership);
    }

    public RestoreOptions withExcludes(List<String> newExcludes) {
        return new RestoreOptions(includes, insensitiveIncludes, newExcludes, insensitiveExcludes, verify, ownership);
    }

    public RestoreOptions withInsensitiveExcludes(List<String> patterns) {
        return new RestoreOptions(includes, insensitiveIncludes, excludes, patterns, verify, ownership);
    }
}
