package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.Differ;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code diff}: shows what changed between two snapshots. */
@Command(name = "diff", description = "Show differences between two snapshots")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "SNAPSHOT1")
    String first = "";

    @Parameters(index = "1", paramLabel = "SNAPSHOT2")
    String second = "";

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Snapshot a = repository.findSnapshot(first);
            Snapshot b = repository.findSnapshot(second);
            context.say("comparing snapshot " + a.requireId().shortHex() + " to " + b.requireId().shortHex() + ":");
            List<Differ.Change> changes = new Differ(repository).diff(a.tree(), b.tree());
            changes.forEach(change -> context.out().println(change));
        }
        return HoldfastBackup.OK;
    }
}
