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
 * @param exclusions what to leave out (restic's exclude flags)
 * @param time the snapshot time; null means now
 */
public record BackupOptions(String hostname, List<String> tags, @Nullable Snapshot parent, Exclusions exclusions,
        @Nullable OffsetDateTime time) {

    public BackupOptions {
        tags = List.copyOf(tags);
    }

    public static BackupOptions of(String hostname) {
        return new BackupOptions(hostname, List.of(), null, Exclusions.NONE, null);
    }

    public BackupOptions withParent(@Nullable Snapshot newParent) {
        return new BackupOptions(hostname, tags, newParent, exclusions, time);
    }

    public BackupOptions withTags(List<String> newTags) {
        return new BackupOptions(hostname, newTags, parent, exclusions, time);
    }

    /** Leaves out what {@code patterns} match ({@code --exclude}). */
    public BackupOptions withExcludes(List<String> patterns) {
        return withExclusions(Exclusions.patterns(patterns));
    }

    public BackupOptions withExclusions(Exclusions newExclusions) {
        return new BackupOptions(hostname, tags, parent, newExclusions, time);
    }
}
