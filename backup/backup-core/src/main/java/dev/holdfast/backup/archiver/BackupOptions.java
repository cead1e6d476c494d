package dev.holdfast.backup.archiver;

import dev.holdfast.backup.Snapshot;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a backup records and how it treats the filesystem.
 *
 * @param hostname recorded in the snapshot
 * @param tags recorded in the snapshot
 * @param parent earlier snapshot of the same paths; its unchanged files (size, mtime, ctime, inode) are not re-read
 * @param exclusions what to leave out (restic's exclude flags)
 * @param time the snapshot time; null means now
 * @param flags restic's switches for reading the filesystem
 */
public record BackupOptions(String hostname, List<String> tags, @Nullable Snapshot parent, Exclusions exclusions,
        @Nullable OffsetDateTime time, Set<Flag> flags) {

    /** restic's backup switches that change how files are read and recorded. */
    public enum Flag {
        /** {@code -x}: stay on each target's file system; a mount point is saved as an empty directory. */
        ONE_FILE_SYSTEM,
        /** {@code --with-atime}: record access times (otherwise a node's atime is its mtime, as restic's). */
        WITH_ATIME,
        /** {@code --ignore-inode}: a file whose inode changed is unchanged if size, mtime and ctime are. */
        IGNORE_INODE,
        /** {@code --ignore-ctime}: a file whose ctime changed is unchanged if size, mtime and inode are. */
        IGNORE_CTIME,
        /** {@code --dry-run}: read and count everything, write nothing (no pack, index or snapshot). */
        DRY_RUN
    }

    public BackupOptions {
        tags = List.copyOf(tags);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public BackupOptions(String hostname, List<String> tags, @Nullable Snapshot parent, Exclusions exclusions,
            @Nullable OffsetDateTime time) {
        this(hostname, tags, parent, exclusions, time, Set.of());
    }

    public static BackupOptions of(String hostname) {
        return new BackupOptions(hostname, List.of(), null, Exclusions.NONE, null);
    }

    public BackupOptions withParent(@Nullable Snapshot newParent) {
        return new BackupOptions(hostname, tags, newParent, exclusions, time, flags);
    }

    public BackupOptions withTags(List<String> newTags) {
        return new BackupOptions(hostname, newTags, parent, exclusions, time, flags);
    }

    /** Leaves out what {@code patterns} match ({@code --exclude}). */
    public BackupOptions withExcludes(List<String> patterns) {
        return withExclusions(Exclusions.patterns(patterns));
    }

    public BackupOptions withExclusions(Exclusions newExclusions) {
        return new BackupOptions(hostname, tags, parent, newExclusions, time, flags);
    }
}
