package dev.holdfast.backup.cli;

import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.CheckResult;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--read-data-subset", paramLabel = "n/t|x%|SIZE",
            description = "read a subset of data packs: bucket n of t, x%% of packs, or packs up to SIZE (e.g. 50M) chosen at random")
    @Nullable String subset;

    @Option(names = "--with-cache", description = "accepted for restic's scripts: Holdfast keeps no local cache")
    boolean withCache;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            CheckOptions options = new CheckOptions(readData || subset != null,
                    subset == null ? null : CheckOptions.Subset.parse(subset));
            CheckResult result = new Checker(repository).check(options);
            if (context.json()) {
                return json(context, result);
            }
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

    /** restic's check messages: errors on stderr, then one summary line. */
    private static int json(Context context, CheckResult result) {
        for (String error : result.errors()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("message_type", "error");
            line.put("message", error);
            context.printJson(context.err(), line);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("message_type", "summary");
        summary.put("num_errors", result.errors().size());
        summary.put("broken_packs", result.brokenPacks().stream().map(Object::toString).toList());
        summary.put("suggest_repair_index", result.suggestRepairIndex());
        summary.put("suggest_prune", result.suggestPrune());
        context.printJson(summary);
        return result.ok() ? HoldfastBackup.OK : HoldfastBackup.FATAL;
    }
}
