package dev.holdfast.backup.cli;

import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.forget.Forget;
import dev.holdfast.backup.forget.ForgetPolicy;
import dev.holdfast.backup.forget.Within;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code forget}: removes snapshots by ID or by restic's keep policy, then optionally prunes. */
@Command(name = "forget", description = "Remove snapshots from the repository")
final class ForgetCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-l", "--keep-last"}, paramLabel = "n") int last;
    @Option(names = {"-H", "--keep-hourly"}, paramLabel = "n") int hourly;
    @Option(names = {"-d", "--keep-daily"}, paramLabel = "n") int daily;
    @Option(names = {"-w", "--keep-weekly"}, paramLabel = "n") int weekly;
    @Option(names = {"-m", "--keep-monthly"}, paramLabel = "n") int monthly;
    @Option(names = {"-y", "--keep-yearly"}, paramLabel = "n") int yearly;
    @Option(names = "--keep-within", paramLabel = "duration") String within = "";
    @Option(names = "--keep-within-hourly", paramLabel = "duration") String withinHourly = "";
    @Option(names = "--keep-within-daily", paramLabel = "duration") String withinDaily = "";
    @Option(names = "--keep-within-weekly", paramLabel = "duration") String withinWeekly = "";
    @Option(names = "--keep-within-monthly", paramLabel = "duration") String withinMonthly = "";
    @Option(names = "--keep-within-yearly", paramLabel = "duration") String withinYearly = "";

    @Option(names = "--keep-tag", paramLabel = "TAG[,TAG]", description = "keep snapshots with these tags")
    List<String> keepTags = new ArrayList<>();

    @Option(names = "--host", description = "only consider snapshots of this host") List<String> hosts = new ArrayList<>();
    @Option(names = "--tag", description = "only consider snapshots with these tags") List<String> tags = new ArrayList<>();
    @Option(names = "--path", description = "only consider snapshots with this path") List<String> paths = new ArrayList<>();

    @Option(names = {"-g", "--group-by"}, defaultValue = "host,paths", description = "host, paths, tags (default: ${DEFAULT-VALUE})")
    String groupBy = "host,paths";

    @Option(names = {"-n", "--dry-run"}, description = "only show what would be removed") boolean dryRun;
    @Option(names = "--prune", description = "prune afterwards") boolean prune;
    @picocli.CommandLine.Mixin
    PruneFlags pruneFlags = new PruneFlags();

    @Option(names = {"-c", "--compact"}, description = "accepted for restic's scripts: the table is the same")
    boolean compact;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = prune ? context.openToPrune() : context.openWithoutIndex()) {
            List<Snapshot> removed = new ArrayList<>();
            try (RepositoryLock lock = dryRun ? null : repository.beginLock(true)) {
                if (!ids.isEmpty()) {
                    ids.forEach(id -> removed.add(repository.findSnapshot(id)));
                } else if (policy().empty()) { // restic reports no groups then, not even in JSON
                    if (!context.json()) {
                        context.say("no policy was specified, no snapshots will be removed");
                    }
                } else {
                    Forget.GroupBy by = Forget.GroupBy.parse(groupBy);
                    List<Forget.Decision> decisions = Forget.apply(Context.select(repository, List.of(), hosts, tags,
                            paths), by, policy(), OffsetDateTime.now());
                    report(context, decisions, by);
                    decisions.forEach(d -> removed.addAll(d.remove()));
                }
                if (!dryRun) {
                    lock.confirm(); // the policy was applied while the lock's second check ran
                    removed.forEach(s -> repository.removeSnapshot(s.requireId()));
                }
            }
            if (dryRun) { // the answer to a dry run, printed under --quiet too, as restic does (not in JSON)
                if (!removed.isEmpty() && !context.json()) {
                    context.print("Would have removed the following snapshots:");
                    context.print("{" + String.join(" ", removed.stream().map(s -> s.requireId().shortHex()).sorted()
                            .distinct().toList()) + "}");
                    context.print("");
                }
            } else if (!context.json()) {
                context.say("removed " + removed.size() + " snapshots");
            }
            if (prune && !dryRun && !removed.isEmpty()) {
                PruneCommand.report(context, new Pruner(repository).prune(pruneFlags.options(false)));
            }
        }
        return HoldfastBackup.OK;
    }

    private ForgetPolicy policy() {
        List<List<String>> tagLists = keepTags.stream().map(t -> Arrays.asList(t.split(",", -1))).toList();
        return ForgetPolicy.none().withLast(last).withCounts(hourly, daily, weekly, monthly, yearly)
                .withWithin(within(within)).withWithinBuckets(within(withinHourly), within(withinDaily),
                        within(withinWeekly), within(withinMonthly), within(withinYearly)).withKeepTags(tagLists);
    }

    private static Within within(String text) {
        return text.isEmpty() ? Within.ZERO : Within.parse(text);
    }

    /** restic's {@code KeepReason}: the snapshot as stored (no ID), what it matched, the buckets' counts left. */
    private static Map<String, Object> reason(Forget.Reason reason) {
        Map<String, Object> counters = new LinkedHashMap<>();
        String[] names = {"last", "hourly", "daily", "weekly", "monthly", "yearly"};
        int[] counts = {reason.last(), reason.hourly(), reason.daily(), reason.weekly(), reason.monthly(),
            reason.yearly()};
        for (int i = 0; i < names.length; i++) {
            if (counts[i] != 0) {
                counters.put(names[i], counts[i]);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("snapshot", Output.stored(reason.snapshot()));
        json.put("matches", reason.matches());
        json.put("counters", counters);
        return json;
    }

    /**
     * restic's groups: in JSON its {@code tags}, {@code host}, {@code paths}, {@code keep}, {@code remove},
     * {@code reasons}.
     */
    private static void report(Context context, List<Forget.Decision> decisions, Forget.GroupBy by) {
        if (context.json()) {
            List<Map<String, Object>> json = new ArrayList<>();
            for (Forget.Decision d : decisions) {
                Map<String, Object> key = by.jsonKey(d.keep().isEmpty() ? d.remove().getFirst() : d.keep().getFirst());
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("tags", key.get("tags"));
                group.put("host", key.get("hostname"));
                group.put("paths", key.get("paths"));
                group.put("keep", d.keep().stream().map(Output::snapshot).toList());
                group.put("remove", d.remove().stream().map(Output::snapshot).toList());
                group.put("reasons", d.reasons().stream().map(ForgetCommand::reason).toList());
                json.add(group);
            }
            context.printJson(json);
            return;
        }
        for (Forget.Decision d : decisions) {
            context.say("snapshots for " + d.group() + ": keep " + d.keep().size() + ", remove " + d.remove().size());
            d.remove().forEach(s -> context.say("  remove " + s.requireId().shortHex() + " " + s.time()));
        }
    }
}
