package dev.holdfast.backup.cli;

import dev.holdfast.backup.NoSuchSnapshotException;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Repository;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * restic's {@code --host}, {@code --tag} and {@code --path} on the verbs that read one snapshot or several: which
 * snapshots {@code latest} (or no ID at all) means. An ID names its snapshot whatever they say, as in restic.
 */
final class SnapshotFilter {

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "only snapshots of this host; latest means the latest of them (repeatable)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG[,TAG]", description = "only snapshots with these tags (comma = and; repeat = or)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--path", paramLabel = "PATH", description = "only snapshots including this path (repeatable)")
    List<String> paths = new ArrayList<>();

    /** The snapshot {@code id} names: {@code latest} is the latest that passes the filters. */
    Snapshot find(Repository repository, String id) {
        if (!id.equals("latest")) {
            return repository.findSnapshot(id);
        }
        List<Snapshot> matching = Context.select(repository, List.of(), hosts, tags, paths);
        if (matching.isEmpty()) {
            throw new NoSuchSnapshotException("no snapshot found" + (hosts.isEmpty() && tags.isEmpty()
                    && paths.isEmpty() ? "" : " for hosts " + hosts + ", tags " + tags + ", paths " + paths));
        }
        return matching.getLast();
    }

    /** The snapshots {@code ids} name, or all that pass the filters when there are none. */
    List<Snapshot> select(Repository repository, List<String> ids) {
        if (ids.isEmpty()) {
            return Context.select(repository, List.of(), hosts, tags, paths);
        }
        return ids.stream().map(id -> find(repository, id)).toList();
    }
}
