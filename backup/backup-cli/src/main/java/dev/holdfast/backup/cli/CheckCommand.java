package dev.holdfast.backup.cli;

import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.CheckResult;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check}: verifies structure and, with {@code --read-data}, all (or a subset of) pack data. */
@Command(name = "check", description = "Check the repository for errors")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--read-data", description = "read all data blobs")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "n/t|x%", description = "read a subset of data packs")
    @Nullable String subset;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            CheckOptions options = new CheckOptions(readData || subset != null,
                    subset == null ? null : CheckOptions.Subset.parse(subset));
            CheckResult result = new Checker(repository).check(options);
            result.hints().forEach(hint -> context.say("hint: " + hint));
            result.errors().forEach(error -> context.err().println("error: " + error));
            if (options.readData()) {
                context.say("read " + result.packsRead() + " packs");
            }
            if (!result.ok()) {
                context.err().println("Fatal: repository contains errors");
                return HoldfastBackup.FATAL;
            }
            context.say("no errors were found");
            return HoldfastBackup.OK;
        }
    }
}
