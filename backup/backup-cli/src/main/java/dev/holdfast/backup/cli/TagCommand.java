package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tag}: changes the tags of snapshots as restic 0.14 does: each changed snapshot is saved anew (remembering
 * its first ID as {@code original}) and the old file removed, under an exclusive lock.
 */
@Command(name = "tag", description = "Modify tags on snapshots")
final class TagCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "snapshots to change (default: all the filters pass)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--add", paramLabel = "TAG[,TAG]", description = "add tags (repeatable)")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "TAG[,TAG]", description = "remove tags (repeatable)")
    List<String> remove = new ArrayList<>();

    @Option(names = "--set", paramLabel = "TAG[,TAG]", description = "replace the tags; --set '' removes all (repeatable)")
    List<String> set = new ArrayList<>();

    @Mixin
    SnapshotFilter filter = new SnapshotFilter();

    @Override
    public Integer call() {
        if (set.isEmpty() && add.isEmpty() && remove.isEmpty()) {
            throw new BackupException("nothing to do: give --set, --add or --remove");
        }
        if (!set.isEmpty() && (!add.isEmpty() || !remove.isEmpty())) {
            throw new BackupException("--set and --add/--remove cannot be given at the same time");
        }
        Context context = top.context;
        int changed = 0;
        try (Repository repository = context.openWithoutIndex(); RepositoryLock lock = repository.lock(true)) {
            for (Snapshot snapshot : filter.select(repository, ids)) {
                List<String> tags = newTags(snapshot.tags());
                if (!tags.equals(snapshot.tags()) || !set.isEmpty()) {
                    repository.saveSnapshot(snapshot.retagged(tags));
                    repository.removeSnapshot(snapshot.requireId());
                    changed++;
                }
            }
        }
        context.say(changed == 0 ? "no snapshots were modified" : "modified tags on " + changed + " snapshots");
        return HoldfastBackup.OK;
    }

    private List<String> newTags(List<String> old) {
        if (!set.isEmpty()) {
            List<String> tags = flatten(set);
            return tags.equals(List.of("")) ? List.of() : tags;
        }
        Set<String> tags = new LinkedHashSet<>(old);
        tags.addAll(flatten(add));
        flatten(remove).forEach(tags::remove);
        return List.copyOf(tags);
    }

    private static List<String> flatten(List<String> lists) {
        return lists.stream().flatMap(list -> Arrays.stream(list.split(",", -1))).toList();
    }
}
