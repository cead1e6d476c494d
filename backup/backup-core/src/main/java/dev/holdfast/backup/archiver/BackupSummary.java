package dev.holdfast.backup.archiver;

import dev.holdfast.backup.Snapshot;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a backup, counted as restic counts it; after a dry run the snapshot has no ID (it was not saved),
 * and the blobs and bytes "added" are those that would have been. {@code errors} lists files that could not be read (the
 * snapshot was saved without them; restic exits with code 3 in that case).
 *
 * @param directoriesNew directories with no counterpart in the parent snapshot
 * @param directoriesChanged directories whose node (metadata or tree) differs from the parent's
 * @param directoriesUnmodified directories whose node is the parent's
 * @param bytesRead bytes of files read (new and changed files)
 * @param bytesProcessed sizes of all files saved, unmodified ones too (restic's "total bytes processed")
 * @param duration from the start of the walk to the snapshot saved
 */
public record BackupSummary(Snapshot snapshot, long filesNew, long filesChanged, long filesUnmodified,
        long directoriesNew, long directoriesChanged, long directoriesUnmodified, long dataBlobsAdded,
        long bytesAdded, long bytesRead, long bytesProcessed, Duration duration, List<String> errors) {

    public BackupSummary {
        errors = List.copyOf(errors);
    }

    public long filesProcessed() {
        return filesNew + filesChanged + filesUnmodified;
    }
}
