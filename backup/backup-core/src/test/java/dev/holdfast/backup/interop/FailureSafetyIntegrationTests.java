package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.RepositoryLockedException;
import dev.holdfast.backup.RepositoryNotFoundException;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.WrongPasswordException;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.CheckResult;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.RestoreSummary;
import dev.holdfast.backup.restorer.Restorer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 7: wrong passwords, damaged packs and locks, with restic on the other side where it matters. */
class FailureSafetyIntegrationTests {

    @TempDir
    Path temp;

    private Repository init() {
        return Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD, Fixtures.options(Compression.AUTO),
                null);
    }

    @Test
    void rejectsAWrongPasswordAndChangesNothing() throws Exception {
        init().close();
        Map<String, String> before = TreeComparison.describe(temp.resolve("repo"));

        assertThatThrownBy(() -> Repository.open(new LocalBackend(temp.resolve("repo")), "wrong",
                Fixtures.options(Compression.AUTO))).isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> Repository.open(new LocalBackend(temp.resolve("nothing")), "x",
                Fixtures.options(Compression.AUTO))).isInstanceOf(RepositoryNotFoundException.class);
        assertThat(TreeComparison.describe(temp.resolve("repo"))).isEqualTo(before);
    }

    @Test
    void reportsAFlippedByteWithItsPackAndBlobAndStillRestoresOtherFiles() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        Snapshot snapshot;
        PackedBlob damaged;
        try (Repository repository = init()) {
            snapshot = new Archiver(repository).backup(List.of(source), BackupOptions.of("h")).snapshot();
            Id smallBlob = Id.hash(Files.readAllBytes(source.resolve("small.txt")));
            damaged = repository.lookup(BlobType.DATA, smallBlob);
        }
        flipByte(packFile(damaged.pack()), damaged.offset() + 20);

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            CheckResult check = new Checker(repository).check(CheckOptions.readAllData());
            assertThat(check.errors()).anySatisfy(error -> assertThat(error).contains(damaged.pack().hex())
                    .contains(damaged.id().shortHex()));
            assertThat(String.join("\n", check.errors())).contains(damaged.id().hex());

            RestoreSummary restore = new Restorer(repository).restore(snapshot, temp.resolve("out"),
                    RestoreOptions.all().withExcludes(List.of("small.txt")));
            assertThat(restore.errors()).isEmpty();
            Path restored = temp.resolve("out").resolve(Path.of("/").relativize(source));
            assertThat(Files.readAllBytes(restored.resolve("random.bin")))
                    .isEqualTo(Files.readAllBytes(source.resolve("random.bin")));
        }
        assertThat(new Restic(temp.resolve("repo")).run("check", "--read-data").exitCode()).isNotZero();
    }

    private Path packFile(Id pack) {
        return temp.resolve("repo/data").resolve(pack.hex().substring(0, 2)).resolve(pack.hex());
    }

    private static void flipByte(Path file, long offset) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void runsTwoBackupsConcurrentlyIntoOneRepository() throws Exception {
        Path first = SampleTree.create(temp.resolve("first"));
        Path second = HardTree.create(temp.resolve("second"));
        init().close();
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (Path source : List.of(first, second)) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                        Fixtures.options(Compression.AUTO))) {
                    new Archiver(repository).backup(List.of(source), BackupOptions.of("h"));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        Restic restic = new Restic(temp.resolve("repo"));
        assertThat(restic.run("snapshots", "--json").assertSuccess().json()).hasSize(2);
        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
    }

    @Test
    void honoursALockResticLeftBehindUntilResticUnlocks() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        init().close();
        Process backup = restic.start("backup", "--stdin", "--stdin-filename", "held");
        try {
            waitForLock(temp.resolve("repo/locks"));
        } finally {
            backup.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: its lock file stays behind
        }

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            assertThatThrownBy(() -> new Checker(repository).check(CheckOptions.structure()))
                    .isInstanceOf(RepositoryLockedException.class).hasMessageContaining("PID " + backup.pid());

            restic.run("unlock").assertSuccess();
            assertThat(new Checker(repository).check(CheckOptions.structure()).ok()).isTrue();
        }
    }

    @Test
    void resticHonoursHoldfastsLocks() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        try (Repository repository = init(); RepositoryLock lock = repository.lock(true)) {
            Restic.Result result = restic.run("backup", temp.toString());

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.stderr()).contains("locked exclusively");
        }
        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO)); RepositoryLock lock = repository.lock(false)) {
            assertThat(restic.run("check").stderr()).contains("already locked");
        }
        assertThat(restic.run("check").assertSuccess().stdout()).contains("no errors were found");
    }

    private static void waitForLock(Path locks) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Stream<Path> files = Files.list(locks)) {
                if (files.anyMatch(f -> Id.isId(f.getFileName().toString()))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("restic took no lock");
    }

    @Test
    void addsListsAndRemovesKeysSoThatOnlyTheNewPasswordOpens() throws Exception {
        Id first;
        try (Repository repository = init()) {
            first = repository.keyId();
            repository.addKey("second password", Fixtures.options(Compression.AUTO).kdf());
            assertThat(repository.keys()).hasSize(2).filteredOn(Repository.KeyInfo::current)
                    .extracting(Repository.KeyInfo::id).containsExactly(first);
        }
        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), "second password",
                Fixtures.options(Compression.AUTO))) {
            repository.removeKey(first);
            assertThat(repository.keys()).hasSize(1);
        }

        assertThatThrownBy(() -> Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))).isInstanceOf(WrongPasswordException.class);
        assertThat(new Restic(temp.resolve("repo"), "second password").run("key", "list", "--json").assertSuccess()
                .json()).hasSize(1);
        assertThat(new Restic(temp.resolve("repo")).run("snapshots").exitCode()).isNotZero();
    }
}
