package dev.holdfast.backup.cli;

import dev.holdfast.backup.pruner.PruneOptions;
import dev.holdfast.backup.pruner.PruneSummary;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code prune}: removes unneeded data, repacking partly used packs within {@code --max-unused}. */
@Command(name = "prune", description = "Remove unneeded data from the repository")
final class PruneCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--max-unused", defaultValue = "5%", description = "tolerated unused space: x% or 'unlimited' (default: ${DEFAULT-VALUE})")
    String maxUnused = "5%";

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be done")
    boolean dryRun;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            report(context, new Pruner(repository).prune(new PruneOptions(percent(maxUnused), dryRun)));
        }
        return HoldfastBackup.OK;
    }

    static double percent(String text) {
        if (text.equals("unlimited")) {
            return 100;
        }
        if (!text.endsWith("%")) {
            throw new IllegalArgumentException("--max-unused takes x% or unlimited, not " + text);
        }
        return Double.parseDouble(text.substring(0, text.length() - 1));
    }

    static void report(Context context, PruneSummary summary) {
        if (context.json()) {
            context.printJson(summary);
            return;
        }
        context.say("used:   " + Output.bytes(summary.usedBytes()));
        context.say("unused: " + Output.bytes(summary.unusedBytesBefore()) + " before, "
                + Output.bytes(summary.unusedBytesAfter()) + " after");
        context.say("packs: " + summary.packsDeleted() + " deleted, " + summary.packsRepacked() + " repacked ("
                + summary.blobsRepacked() + " blobs), " + summary.packsKept() + " kept");
        context.say("freed " + Output.bytes(summary.bytesFreed()));
    }
}
