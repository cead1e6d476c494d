package dev.holdfast.backup.cli;

import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code unlock}: removes stale locks (or all locks). */
@Command(name = "unlock", description = "Remove locks other processes created")
final class UnlockCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--remove-all", description = "remove all locks, even non-stale ones")
    boolean all;

    @Override
    public Integer call() {
        try (Repository repository = top.context.openWithoutIndex()) {
            int removed = RepositoryLock.unlock(repository, all);
            top.context.say("successfully removed " + removed + " locks");
        }
        return HoldfastBackup.OK;
    }
}
