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
 * {@code stats}: restic 0.14's restore-size and raw-data modes, with its JSON members; the text adds the
 * deduplication ratio.
 */
@Command(name = "stats", description = "Scan the repository and show basic statistics")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "restore-size",
            description = "restore-size (what a restore writes) or raw-data (the unique blobs as stored); default: ${DEFAULT-VALUE}")
    String mode = "restore-size";

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        boolean raw = switch (mode) {
            case "restore-size" -> false;
            case "raw-data" -> true;
            case "files-by-contents", "blobs-per-file" -> throw new BackupException(
                    "stats --mode " + mode + " is not supported; use restore-size or raw-data");
            default -> throw new BackupException("unknown stats mode " + mode
                    + "; use restore-size or raw-data");
        };
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
}
