package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.forget.Forget;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Option(names = "--latest", paramLabel = "N", description = "only the last N snapshots of each host and paths")
    int latest;

    @Option(names = {"-c", "--compact"}, description = "accepted for restic's scripts: the table is the same")
    boolean compact;

    @Option(names = {"-g", "--group-by"}, paramLabel = "host,paths,tags", description = "list the snapshots in groups")
    String groupBy = "";

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.openWithoutIndex()) {
            List<Snapshot> snapshots = latest(filter.select(repository, ids));
            if (!groupBy.isEmpty()) {
                printGroups(context, snapshots, Forget.GroupBy.parse(groupBy));
            } else if (context.json()) {
                context.printJson(snapshots.stream().map(Output::snapshot).toList());
            } else {
                Output.table(context, snapshots);
            }
        }
        return HoldfastBackup.OK;
    }

    /** As restic's {@code --group-by}: per group its key and snapshots (JSON: {@code group_key}, {@code snapshots}). */
    private static void printGroups(Context context, List<Snapshot> snapshots, Forget.GroupBy by) {
        Map<String, List<Snapshot>> groups = new LinkedHashMap<>();
        snapshots.forEach(snapshot -> groups.computeIfAbsent(by.key(snapshot), k -> new ArrayList<>()).add(snapshot));
        if (context.json()) {
            List<Map<String, Object>> json = new ArrayList<>();
            groups.values().forEach(group -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("group_key", by.jsonKey(group.getFirst()));
                entry.put("snapshots", group.stream().map(Output::snapshot).toList());
                json.add(entry);
            });
            context.printJson(json);
            return;
        }
        groups.forEach((key, group) -> {
            context.print("snapshots for (" + key.replace("] ", "], ") + "):");
            Output.table(context, group);
            context.print("");
        });
    }

    /** With {@code --latest N}, the last N of each host and set of paths, in their order (as restic picks them). */
    private List<Snapshot> latest(List<Snapshot> snapshots) {
        if (latest <= 0) {
            return snapshots;
        }
        Map<List<String>, Integer> kept = new HashMap<>();
        List<Snapshot> result = new ArrayList<>();
        for (Snapshot snapshot : snapshots.reversed()) {
            List<String> group = new ArrayList<>(snapshot.paths().stream().sorted().toList());
            group.addFirst(snapshot.hostname());
            if (kept.merge(group, 1, Integer::sum) <= latest) {
                result.addFirst(snapshot);
            }
        }
        return result;
    }
}
