package dev.holdfast.backup.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The source repository of {@code copy} and {@code init --copy-chunker-params}, as restic 0.14 names it: flags, or
 * {@code RESTIC_FROM_REPOSITORY}, {@code RESTIC_FROM_REPOSITORY_FILE}, {@code RESTIC_FROM_PASSWORD},
 * {@code RESTIC_FROM_PASSWORD_FILE}, {@code RESTIC_FROM_PASSWORD_COMMAND} (and {@code HOLDFAST_BACKUP_FROM_*}).
 */
final class SourceRepository {

    @Option(names = {"--from-repo", "--repo2"}, paramLabel = "REPOSITORY", description = "source repository (else RESTIC_FROM_REPOSITORY)")
    @Nullable String repository;

    @Option(names = "--from-repository-file", paramLabel = "FILE", description = "file holding the source repository's location")
    @Nullable String repositoryFile;

    @Option(names = {"--from-password-file", "--password-file2"}, paramLabel = "FILE", description = "the source repository's password file (else RESTIC_FROM_PASSWORD)")
    @Nullable String passwordFile;

    @Option(names = "--from-password-command", paramLabel = "COMMAND", description = "command whose output is the source repository's password")
    @Nullable String passwordCommand;

    @Option(names = "--from-key-hint", paramLabel = "KEY", description = "accepted for restic's scripts: every key is tried anyway")
    @Nullable String keyHint;

    /** Whether a source was named at all (by a flag or the environment). */
    boolean given(Context context) {
        return repository != null || repositoryFile != null || context.env("FROM_REPOSITORY") != null
                || context.env("FROM_REPOSITORY_FILE") != null;
    }

    String location(Context context) {
        return context.location(repository, repositoryFile, "FROM_REPOSITORY", "--from-repo");
    }

    String password(Context context) {
        return context.password(passwordFile, passwordCommand, "FROM_PASSWORD");
    }
}
