package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.copier.Copier;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code copy}: copies snapshots from {@code --from-repo} into the repository. */
@Command(name = "copy", description = "Copy snapshots from one repository to another")
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Mixin
    SourceRepository from = new SourceRepository();

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository source = context.open(from.location(context), from.password(context));
                Repository destination = context.open()) {
            List<Snapshot> selected = filter.select(source, ids);
            List<Snapshot> copied = new Copier(source, destination).copy(selected);
            copied.forEach(s -> context.say("snapshot " + s.original().shortHex() + " copied as "
                    + s.requireId().shortHex()));
            context.say("copied " + copied.size() + " of " + selected.size() + " snapshots");
        }
        return HoldfastBackup.OK;
    }
}
