package dev.holdfast.backup.cli;

import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stats}: restore size, raw data and deduplication ratio of snapshots. */
@Command(name = "stats", description = "Scan the repository and show basic statistics")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Stats.Totals totals = new Stats(repository).of(Context.select(repository, ids, List.of(), List.of(),
                    List.of()));
            if (context.json()) {
                context.printJson(totals);
                return HoldfastBackup.OK;
            }
            context.print("Snapshots processed:   " + totals.snapshots());
            context.print("Total file count:      " + totals.files());
            context.print("Restore size:          " + Output.bytes(totals.restoreSize()));
            context.print("Raw data (stored):     " + Output.bytes(totals.rawStored()));
            context.print("Raw data (plaintext):  " + Output.bytes(totals.rawPlaintext()));
            context.print("Unique blobs:          " + totals.uniqueBlobs());
            context.print(String.format("Dedup/compression:     %.2fx", totals.dedupRatio()));
        }
        return HoldfastBackup.OK;
    }
}
