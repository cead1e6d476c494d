package dev.holdfast.backup.cli;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import dev.holdfast.backup.walker.Recovery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recover}: saves the trees no snapshot refers to any more (what forgotten snapshots leave until a prune) as a
 * new snapshot of {@code /recover} tagged {@code recovered}, as restic's {@code recover} does.
 */
@Command(name = "recover", description = "Recover data from the repository not referenced by snapshots")
final class RecoverCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Override
    public Integer call() {
        Context context = top.context;
        try (Repository repository = context.open()) {
            try (RepositoryLock lock = repository.beginLock(false)) {
                Recovery recovery = new Recovery(repository);
                List<Id> roots = recovery.roots(warning -> context.err().println(warning));
                roots.forEach(root -> context.say("found root tree " + root.shortHex()));
                context.print("");
                context.print("found " + roots.size() + " unreferenced roots");
                if (roots.isEmpty()) {
                    context.say("no snapshot to write.");
                    return HoldfastBackup.OK;
                }
                lock.confirm();
                Snapshot saved = recovery.save(roots, Host.hostname());
                context.print("saved new snapshot " + saved.requireId().shortHex());
            }
        }
        return HoldfastBackup.OK;
    }
}
