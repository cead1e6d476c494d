package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.walker.Differ;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code diff}: shows what changed between two snapshots, as text or restic's JSON lines. */
@Command(name = "diff", description = "Show differences between two snapshots")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "SNAPSHOT1")
    String first = "";

    @Parameters(index = "1", paramLabel = "SNAPSHOT2")
    String second = "";

    @Option(names = "--metadata", description = "print changes in metadata")
    boolean metadata;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Snapshot a = repository.findSnapshot(first);
            Snapshot b = repository.findSnapshot(second);
            if (!context.json()) {
                context.say("comparing snapshot " + a.requireId().shortHex() + " to " + b.requireId().shortHex()
                        + ":\n");
            }
            Differ.Result result = new Differ(repository, metadata).diff(a.tree(), b.tree());
            if (context.json()) {
                json(context, result);
            } else {
                text(context, result);
            }
        }
        return HoldfastBackup.OK;
    }

    private void json(Context context, Differ.Result result) {
        if (!context.quiet()) {
            for (Differ.Change change : result.changes()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("message_type", "change");
                line.put("path", change.path());
                line.put("modifier", change.modifier());
                context.printJson(line);
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("message_type", "statistics");
        stats.put("source_snapshot", first);
        stats.put("target_snapshot", second);
        stats.put("changed_files", result.changedFiles());
        stats.put("added", stat(result.added()));
        stats.put("removed", stat(result.removed()));
        context.printJson(stats);
    }

    private static Map<String, Object> stat(Differ.Stat stat) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", stat.files());
        json.put("dirs", stat.dirs());
        json.put("others", stat.others());
        json.put("data_blobs", stat.dataBlobs());
        json.put("tree_blobs", stat.treeBlobs());
        json.put("bytes", stat.bytes());
        return json;
    }

    private static void text(Context context, Differ.Result result) {
        result.changes().forEach(change -> context.print(change.toString()));
        Differ.Stat added = result.added();
        Differ.Stat removed = result.removed();
        context.print("");
        context.print(String.format("Files:       %5d new, %5d removed, %5d changed", added.files(), removed.files(),
                result.changedFiles()));
        context.print(String.format("Dirs:        %5d new, %5d removed", added.dirs(), removed.dirs()));
        context.print(String.format("Others:      %5d new, %5d removed", added.others(), removed.others()));
        context.print(String.format("Data Blobs:  %5d new, %5d removed", added.dataBlobs(), removed.dataBlobs()));
        context.print(String.format("Tree Blobs:  %5d new, %5d removed", added.treeBlobs(), removed.treeBlobs()));
        context.print("  Added:   " + Output.bytes(added.bytes()));
        context.print("  Removed: " + Output.bytes(removed.bytes()));
    }
}
