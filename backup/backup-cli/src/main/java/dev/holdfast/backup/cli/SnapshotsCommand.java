package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code snapshots}: lists snapshots, oldest first. */
@Command(name = "snapshots", description = "List all snapshots")
final class SnapshotsCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-H", "--host"}, description = "only snapshots of this host (repeatable)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--tag", description = "only snapshots with these tags (comma = and; repeat = or)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--path", description = "only snapshots including this path (repeatable)")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.openWithoutIndex()) {
            List<Snapshot> snapshots = Context.select(repository, ids, hosts, tags, paths);
            if (context.json()) {
                context.printJson(snapshots.stream().map(Output::snapshot).toList());
            } else {
                Output.table(context, snapshots);
            }
        }
        return HoldfastBackup.OK;
    }
}
