package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.CheckResult;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate}: restic 0.14's {@code upgrade_repo_v2} (a version 1 repository, as restic before 0.14 made them,
 * becomes version 2, so compressed data can be written to it): lists it when it applies; applying it checks the
 * repository first, keeps a copy of the old config file in a temporary folder until the new one is saved, and writes
 * the new config with the same ID and chunker polynomial. {@code s3_layout} never applies (Holdfast reads only
 * the default S3 layout). An unknown name exits 1 where restic ignores it.
 */
@Command(name = "migrate", description = "Apply migrations")
final class MigrateCommand implements Callable<Integer> {

    private static final String UPGRADE = "upgrade_repo_v2";

    @ParentCommand
    HoldfastBackup top;

    @Parameters(paramLabel = "MIGRATION", arity = "0..*")
    List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "apply a migration whose check failed")
    boolean force;

    @Override
    public Integer call() {
        Context context = top.context;
        for (String name : names) {
            if (!name.equals(UPGRADE) && !name.equals("s3_layout")) {
                throw new BackupException("unknown migration " + name + "; known: " + UPGRADE + ", s3_layout");
            }
        }
        try (Repository repository = context.open()) {
            boolean applies = repository.config().version() == 1;
            if (names.isEmpty()) {
                context.print("available migrations:");
                if (applies) {
                    context.print("  " + UPGRADE + "\tupgrade a repository to version 2");
                } else {
                    context.out().print("no migrations found");
                    context.out().flush();
                }
                return HoldfastBackup.OK;
            }
            int exit = HoldfastBackup.OK;
            for (String name : names) {
                boolean checked = name.equals(UPGRADE) && applies;
                if (!checked && !force) {
                    context.err().println("migration " + name + " cannot be applied: check failed");
                    context.err().println("If you want to apply this migration anyway, re-run with option --force");
                    continue;
                }
                if (!checked) {
                    context.err().println("check for migration " + name + " failed, continuing anyway");
                }
                if (name.equals("s3_layout")) {
                    throw new BackupException("migration s3_layout is not supported: Holdfast reads only the "
                            + "default S3 layout");
                }
                context.print("checking repository integrity...");
                CheckResult check = new Checker(repository).check(new CheckOptions(false, null));
                if (!check.ok()) {
                    check.errors().forEach(error -> context.err().println("error: " + error));
                    throw new BackupException("repository contains errors");
                }
                context.print("applying migration " + name + "...");
                try {
                    upgrade(repository);
                    context.print("migration " + name + ": success");
                } catch (RuntimeException | IOException e) {
                    context.err().println("migration " + name + " failed: " + e.getMessage());
                    exit = HoldfastBackup.FATAL;
                }
            }
            return exit;
        }
    }

    /** The config rewritten under an exclusive lock, a copy of the old one kept on disk until that worked. */
    private static void upgrade(Repository repository) throws IOException {
        Path folder = Files.createTempDirectory("holdfast-migrate-upgrade-repo-v2-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path copy = Files.write(folder.resolve("config"), repository.backend().load(Handle.config(), 0, 0));
        try (RepositoryLock lock = repository.lock(true)) {
            repository.upgradeToVersion2();
        } catch (RuntimeException e) {
            throw new BackupException(e.getMessage() + "; the old config file is kept in " + copy, e);
        }
        Files.delete(copy);
        Files.delete(folder);
    }
}
