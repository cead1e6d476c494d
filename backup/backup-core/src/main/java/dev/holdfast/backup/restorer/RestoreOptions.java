package dev.holdfast.backup.restorer;

import java.util.List;

/**
 * What to restore and how.
 *
 * @param includes glob patterns on snapshot paths (e.g. {@code /home/me/docs}); empty means everything. A matching
 *     directory is restored with all its contents.
 * @param excludes glob patterns on snapshot paths or base names; a matching directory is skipped with its contents
 * @param verify read restored files back and compare them with the snapshot
 * @param ownership restore user and group IDs (only possible as root)
 */
public record RestoreOptions(List<String> includes, List<String> excludes, boolean verify, boolean ownership) {

    public RestoreOptions {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Everything, ownership only when running as root. */
    public static RestoreOptions all() {
        return new RestoreOptions(List.of(), List.of(), false, isRoot());
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public RestoreOptions withVerify(boolean newVerify) {
        return new RestoreOptions(includes, excludes, newVerify, ownership);
    }

    public RestoreOptions withIncludes(List<String> newIncludes) {
        return new RestoreOptions(newIncludes, excludes, verify, ownership);
    }

    public RestoreOptions withExcludes(List<String> newExcludes) {
        return new RestoreOptions(includes, newExcludes, verify, ownership);
    }
}
