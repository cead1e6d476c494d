package dev.holdfast.backup.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.RepositoryLockedException;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import dev.holdfast.backup.pruner.PruneOptions;
import dev.holdfast.backup.pruner.PruneSummary;
import dev.holdfast.backup.pruner.Pruner;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock's second conflict check, which runs while its holder starts reading: a conflicting lock that appeared
 * after the first check (another process took it at the same moment, or a listing did not show it yet) is found.
 * An exclusive lock holder works on the index as it is once the lock is written, not as it was when it opened the
 * repository.
 */
class RepositoryLockIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void findsAnExclusiveLockTakenWhileItsOwnWasBeingWritten() {
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO), null)) {
            RepositoryLock ours = repository.beginLock(false);
            // as restic writes a lock file; this process's own listing did not show it at the first check
            repository.saveUnpacked(FileType.LOCK, ("{\"time\":\"" + OffsetDateTime.now() + "\",\"exclusive\":true,"
                    + "\"hostname\":\"elsewhere\",\"username\":\"someone\",\"pid\":4242}")
                    .getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(ours::confirm).isInstanceOf(RepositoryLockedException.class)
                    .hasMessageContaining("exclusively by PID 4242 on elsewhere");
            ours.close();
            assertThat(RepositoryLock.list(repository)).singleElement()
                    .satisfies(left -> assertThat(left.hostname()).isEqualTo("elsewhere"));
            assertThatThrownBy(() -> repository.lock(false)).isInstanceOf(RepositoryLockedException.class);
        }
    }

    @Test
    void prunesWithoutLosingABackupFinishedAfterTheRepositoryWasOpened() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        LocalBackend backend = new LocalBackend(temp.resolve("repo"));
        Repository.init(backend, "secret", Fixtures.options(Compression.AUTO), null).close();
        try (Repository pruning = Repository.open(backend, "secret", Fixtures.options(Compression.AUTO))) {
            Snapshot late;
            try (Repository backingUp = Repository.open(backend, "secret", Fixtures.options(Compression.AUTO))) {
                late = new Archiver(backingUp).backup(List.of(source), BackupOptions.of("h")).snapshot();
            }

            PruneSummary summary = new Pruner(pruning).prune(new PruneOptions(0, false));

            assertThat(summary.packsDeleted()).isZero();
            assertThat(new Checker(pruning).check(CheckOptions.readAllData()).errors()).isEmpty();
            assertThat(new Restorer(pruning).restore(late, temp.resolve("out"), RestoreOptions.all()).errors())
                    .isEmpty();
            TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
        }
    }

    @Test
    void confirmsALockNobodyContests() {
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO), null); RepositoryLock ours = repository.beginLock(false)) {
            ours.confirm();

            assertThat(RepositoryLock.list(repository)).singleElement()
                    .satisfies(held -> assertThat(held.exclusive()).isFalse());
        }
        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO)); RepositoryLock exclusive = repository.lock(true)) {
            assertThat(RepositoryLock.list(repository)).hasSize(1); // the shared one was released on close
        }
    }
}
