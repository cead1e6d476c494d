package dev.holdfast.backup.cli;

import dev.holdfast.backup.checker.IndexRebuilder;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rebuild-index}: new index files for exactly the packs in the repository, as restic 0.14's. */
@Command(name = "rebuild-index", description = "Build a new index from the pack files")
final class RebuildIndexCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--read-all-packs", description = "read every pack's header, not only those the index lacks")
    boolean readAllPacks;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            IndexRebuilder.Result result = new IndexRebuilder(repository).rebuild(readAllPacks);
            result.damagedPacks().forEach(pack -> context.err().println("error: damaged pack left out: " + pack));
            context.say("indexed " + result.packs() + " packs (" + result.headersRead() + " headers read), dropped "
                    + result.packsDropped() + " missing packs");
            return result.damagedPacks().isEmpty() ? HoldfastBackup.OK : HoldfastBackup.FATAL;
        }
    }
}
