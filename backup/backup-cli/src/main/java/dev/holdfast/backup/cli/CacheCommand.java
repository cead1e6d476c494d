package dev.holdfast.backup.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cache}: restic lists and cleans its local cache folders; Holdfast keeps no local cache, so there is nothing
 * to list or clean, and scripts that call {@code cache --cleanup} go on.
 */
@Command(name = "cache", description = "Operate on local cache directories (Holdfast keeps none)")
final class CacheCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--cleanup", description = "remove old cache directories (there are none)")
    boolean cleanup;

    @Option(names = "--max-age", paramLabel = "DAYS", description = "accepted for restic's scripts")
    int maxAge = 30;

    @Option(names = "--no-size", description = "accepted for restic's scripts")
    boolean noSize;

    @Override
    public Integer call() {
        top.context.say("no cache directories: holdfast-backup keeps no local cache");
        return HoldfastBackup.OK;
    }
}
