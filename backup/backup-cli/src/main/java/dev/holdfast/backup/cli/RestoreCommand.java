package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.RestoreSummary;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code restore}: writes a snapshot below a target directory. */
@Command(name = "restore", description = "Extract the data from a snapshot")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshotId = "latest";

    @Option(names = {"-t", "--target"}, required = true, description = "directory to extract data to")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATTERN", description = "include a pattern (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN", description = "exclude a pattern (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--verify", description = "verify restored files content")
    boolean verify;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            Snapshot snapshot = repository.findSnapshot(snapshotId);
            context.say("restoring snapshot " + snapshot.requireId().shortHex() + " to " + target);
            RestoreSummary summary = new Restorer(repository).restore(snapshot, target,
                    RestoreOptions.all().withIncludes(includes).withExcludes(excludes).withVerify(verify));
            summary.errors().forEach(error -> context.err().println("error: " + error));
            context.say("restored " + summary.files() + " files, " + summary.directories() + " directories, "
                    + Output.bytes(summary.bytes()));
            return summary.errors().isEmpty() ? HoldfastBackup.OK : HoldfastBackup.FATAL;
        }
    }
}
