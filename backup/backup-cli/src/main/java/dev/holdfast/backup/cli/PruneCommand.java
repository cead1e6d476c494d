package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.pruner.PruneOptions;
import dev.holdfast.backup.pruner.PruneSummary;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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

    @Option(names = "--unsafe-recover-no-free-space", paramLabel = "REPOSITORY-ID",
            description = "UNSAFE, for a repository whose storage is full: repack nothing, delete the index and the "
                    + "unused packs before writing a new index; give the repository's ID to confirm (try "
                    + "--max-repack-size 0 first)")
    @Nullable String unsafeRecoverNoFreeSpace;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.openToPrune()) {
            PruneOptions options = flags.options(dryRun);
            if (unsafeRecoverNoFreeSpace != null && !unsafeRecoverNoFreeSpace.isEmpty()) {
                String id = repository.config().id();
                if (!unsafeRecoverNoFreeSpace.equals(id)) {
                    throw new BackupException("must pass id '" + id + "' to --unsafe-recover-no-free-space");
                }
                options = options.withFreeSpaceFirst();
            }
            report(context, new Pruner(repository).prune(options));
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
