package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stats}: restic 0.14's four modes (restore-size, files-by-contents, blobs-per-file, raw-data), with its JSON
 * members; raw-data's text adds the deduplication ratio.
 */
@Command(name = "stats", description = "Scan the repository and show basic statistics")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "restore-size",
            description = "restore-size (what a restore writes), files-by-contents (entries with distinct content), "
                    + "blobs-per-file (the blobs of each such file) or raw-data (the unique blobs as stored); "
                    + "default: ${DEFAULT-VALUE}")
    String mode = "restore-size";

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        switch (mode) {
            case "restore-size", "raw-data" -> { }
            case "files-by-contents", "blobs-per-file" -> {
                return byContents(context, mode.equals("blobs-per-file"));
            }
            default -> throw new BackupException("unknown counting mode: " + mode
                    + " (use restore-size, files-by-contents, blobs-per-file or raw-data)");
        }
        boolean raw = mode.equals("raw-data");
        try (Repository repository = context.open()) {
            Stats.Totals totals = new Stats(repository).of(filter.select(repository, ids));
            if (context.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("total_size", raw ? totals.rawStored() : totals.restoreSize());
                json.put("total_file_count", raw ? 0 : totals.entries());
                if (raw) {
                    json.put("total_blob_count", totals.uniqueBlobs());
                }
                json.put("snapshots_count", totals.snapshots());
                context.printJson(json);
                return HoldfastBackup.OK;
            }
            context.print("Stats in " + mode + " mode:");
            context.print("Snapshots processed:   " + totals.snapshots());
            if (raw) {
                context.print("   Total Blob Count:   " + totals.uniqueBlobs());
                context.print("         Total Size:   " + Output.bytes(totals.rawStored()));
                context.print("   Uncompressed Size:  " + Output.bytes(totals.rawPlaintext()));
                context.print(String.format("  Dedup/compression:   %.2fx (restore size %s)", totals.dedupRatio(),
                        Output.bytes(totals.restoreSize())));
            } else {
                context.print("   Total File Count:   " + totals.entries());
                context.print("         Total Size:   " + Output.bytes(totals.restoreSize()));
            }
        }
        return HoldfastBackup.OK;
    }

    private int byContents(Context context, boolean blobsPerFile) {
        try (Repository repository = context.open()) {
            List<dev.holdfast.backup.Snapshot> snapshots = filter.select(repository, ids);
            Stats.ByContents counts = new Stats(repository).byContents(snapshots);
            long files = blobsPerFile ? counts.files() : counts.uniqueContents();
            long size = blobsPerFile ? counts.fileBlobsSize() : counts.uniqueContentsSize();
            long blobs = blobsPerFile ? counts.fileBlobs() : 0;
            if (context.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("total_size", size);
                json.put("total_file_count", files);
                if (blobs > 0) {
                    json.put("total_blob_count", blobs);
                }
                json.put("snapshots_count", snapshots.size());
                context.printJson(json);
                return HoldfastBackup.OK;
            }
            context.print("Stats in " + mode + " mode:");
            context.print("Snapshots processed:   " + snapshots.size());
            if (blobs > 0) {
                context.print("   Total Blob Count:   " + blobs);
            }
            if (files > 0) {
                context.print("   Total File Count:   " + files);
            }
            context.print("         Total Size:   " + Output.bytes(size));
        }
        return HoldfastBackup.OK;
    }
}
