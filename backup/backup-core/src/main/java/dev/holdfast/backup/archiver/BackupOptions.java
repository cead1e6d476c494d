package dev.holdfast.backup.archiver;

import dev.holdfast.backup.Snapshot;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a backup records and how it treats the filesystem.
 *
 * @param hostname recorded in the snapshot
 * @param tags recorded in the snapshot
 * @param parent earlier snapshot of the same paths; its unchanged files (size, mtime, ctime, inode) are not re-read
 * @param excludes glob patterns (restic style: a pattern without a slash matches a base name anywhere; one with a
 *     leading slash matches the absolute path)
 * @param time the snapshot time; null means now
 */
public record BackupOptions(String hostname, List<String> tags, @Nullable Snapshot parent, List<String> excludes,
        @Nullable OffsetDateTime time) {

    public BackupOptions {
        tags = List.copyOf(tags);
        excludes = List.copyOf(excludes);
    }

    public static BackupOptions of(String hostname) {
        return new BackupOptions(hostname, List.of(), null, List.of(), null);
    }

    public BackupOptions withParent(@Nullable Snapshot newParent) {
        return new BackupOptions(hostname, tags, newParent, excludes, time);
    }

    public BackupOptions withTags(List<String> newTags) {
        return new BackupOptions(hostname, newTags, parent, excludes, time);
    }

    public BackupOptions withExcludes(List<String> newExcludes) {
        return new BackupOptions(hostname, tags, parent, newExcludes, time);
    }
}
