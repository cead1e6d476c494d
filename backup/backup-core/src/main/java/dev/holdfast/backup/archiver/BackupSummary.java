package dev.holdfast.backup.archiver;

import dev.holdfast.backup.Snapshot;
import java.util.List;

/**
 * The outcome of a backup. {@code errors} lists files that could not be read (the snapshot was saved without them;
 * restic exits with code 3 in that case).
 */
public record BackupSummary(Snapshot snapshot, long filesNew, long filesChanged, long filesUnmodified,
        long directories, long dataBlobsAdded, long bytesAdded, long bytesRead, List<String> errors) {

    public BackupSummary {
        errors = List.copyOf(errors);
    }
}
