package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.RestoreSummary;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code restore}: writes a snapshot below a target directory. */
@Command(name = "restore", description = "Extract the data from a snapshot")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshotId = "latest";

    @Option(names = {"-t", "--target"}, required = true, description = "directory to extract data to")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATTERN",
            description = "restore only what matches a pattern (repeatable; not with --exclude)")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN", description = "exclude a pattern (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--iinclude", paramLabel = "PATTERN", description = "same as --include, ignoring case (repeatable)")
    List<String> insensitiveIncludes = new ArrayList<>();

    @Option(names = "--iexclude", paramLabel = "PATTERN", description = "same as --exclude, ignoring case (repeatable)")
    List<String> insensitiveExcludes = new ArrayList<>();

    @Option(names = "--verify", description = "verify restored files content")
    boolean verify;

    @Override
    public Integer call() {
        Context context = top.context;
        RestoreOptions options = RestoreOptions.all().withIncludes(includes).withInsensitiveIncludes(insensitiveIncludes)
                .withExcludes(excludes).withInsensitiveExcludes(insensitiveExcludes).withVerify(verify);
        try (Repository repository = context.open()) {
            Snapshot snapshot = filter.find(repository, snapshotId);
            if (!context.json()) {
                context.say("restoring snapshot " + snapshot.requireId().shortHex() + " to " + target);
            }
            long start = System.nanoTime();
            RestoreSummary summary = new Restorer(repository).restore(snapshot, target, options);
            if (context.json()) {
                json(context, summary, (System.nanoTime() - start) / 1_000_000_000L);
                return summary.errors().isEmpty() ? HoldfastBackup.OK : HoldfastBackup.FATAL;
            }
            summary.errors().forEach(error -> context.err().println("error: " + error));
            context.say("restored " + summary.files() + " files, " + summary.directories() + " directories, "
                    + Output.bytes(summary.bytes()));
            return summary.errors().isEmpty() ? HoldfastBackup.OK : HoldfastBackup.FATAL;
        }
    }

    /** restic's restore messages: errors on stderr, then the summary (directories count as files, as restic's do). */
    private static void json(Context context, RestoreSummary summary, long seconds) {
        for (String error : summary.errors()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("message_type", "error");
            line.put("error", Map.of("message", error));
            line.put("during", "restore");
            context.printJson(context.err(), line);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message_type", "summary");
        json.put("seconds_elapsed", seconds);
        json.put("total_files", summary.files() + summary.directories());
        json.put("files_restored", summary.files() + summary.directories());
        json.put("files_skipped", 0);
        json.put("total_bytes", summary.bytes());
        json.put("bytes_restored", summary.bytes());
        json.put("bytes_skipped", 0);
        context.printJson(json);
    }
}
