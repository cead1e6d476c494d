package dev.holdfast.backup.cli;

import dev.holdfast.backup.pruner.PruneSummary;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code prune}: removes unneeded data, repacking partly used packs within restic's limits ({@code --max-unused}, {@code --max-repack-size}, ...). */
@Command(name = "prune", description = "Remove unneeded data from the repository")
final class PruneCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Mixin
    PruneFlags flags = new PruneFlags();

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be done")
    boolean dryRun;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.openToPrune()) {
            report(context, new Pruner(repository).prune(flags.options(dryRun)));
        }
        return HoldfastBackup.OK;
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
