package dev.holdfast.backup.cli;

import dev.holdfast.backup.chunker.Polynomial;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code init}: creates a repository, optionally with the chunker polynomial of another one. */
@Command(name = "init", description = "Initialize a new repository")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--copy-chunker-params", description = "copy the chunker polynomial from --from-repo")
    boolean copyChunkerParams;

    @Mixin
    SourceRepository from = new SourceRepository();

    @Option(names = "--repository-version", defaultValue = "stable", description = "1, 2, latest or stable (= 2)")
    String version = "stable";

    @Override
    public Integer call() {
        Context context = top.context;
        Polynomial polynomial = null;
        if (copyChunkerParams) {
            if (!from.given(context)) {
                throw new IllegalArgumentException("--copy-chunker-params needs --from-repo");
            }
            try (Repository source = context.open(from.location(context), from.password(context))) {
                polynomial = source.config().polynomial();
            }
        }
        int formatVersion = version.equals("1") ? 1 : 2;
        try (Repository repository = Repository.init(context.backend(context.repositoryLocation()),
                context.password(), context.repositoryOptions().withKdf(context.newKeyKdf()).withVersion(formatVersion), polynomial)) {
            context.say("created restic repository " + repository.config().id().substring(0, 10) + " at "
                    + repository.backend().location());
        }
        return HoldfastBackup.OK;
    }
}
