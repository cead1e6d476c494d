package dev.holdfast.backup.cli;

import dev.holdfast.backup.chunker.Polynomial;
import dev.holdfast.backup.repository.Repository;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code init}: creates a repository, optionally with the chunker polynomial of another one. */
@Command(name = "init", description = "Initialize a new repository")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    HoldfastBackup top;

    @Option(names = "--copy-chunker-params", description = "copy the chunker polynomial from --from-repo")
    boolean copyChunkerParams;

    @Option(names = {"--from-repo", "--repo2"}, paramLabel = "REPOSITORY", description = "source repository")
    @Nullable String fromRepo;

    @Option(names = {"--from-password-file", "--password-file2"}, paramLabel = "FILE",
            description = "password file of the source repository (else RESTIC_FROM_PASSWORD)")
    @Nullable String fromPasswordFile;

    @Option(names = "--repository-version", defaultValue = "stable", description = "1, 2, latest or stable (= 2)")
    String version = "stable";

    @Override
    public Integer call() {
        Context context = top.context;
        Polynomial polynomial = null;
        if (copyChunkerParams) {
            if (fromRepo == null) {
                throw new IllegalArgumentException("--copy-chunker-params needs --from-repo");
            }
            try (Repository source = context.open(fromRepo, context.password(fromPasswordFile, "FROM_PASSWORD"))) {
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
