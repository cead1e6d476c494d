package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6d: odd names, chunk-size edges, deep nesting and special modes, in both directions. */
class HardTreeInteropIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void resticRestoresAHardTreeHoldfastBackedUp() throws Exception {
        Path source = HardTree.create(temp.resolve("src"));
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            assertThat(new Archiver(repository).backup(List.of(source), BackupOptions.of("h")).errors()).isEmpty();
        }
        Restic restic = new Restic(temp.resolve("repo"));

        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }

    @Test
    void holdfastRestoresAHardTreeResticBackedUp() throws Exception {
        Path source = HardTree.create(temp.resolve("src"));
        Restic restic = new Restic(temp.resolve("repo"));
        restic.initWithCheapKey();
        restic.run("backup", source.toString()).assertSuccess();

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            assertThat(new Checker(repository).check(CheckOptions.readAllData()).errors()).isEmpty();
            assertThat(new Restorer(repository).restore(repository.findSnapshot("latest"), temp.resolve("out"),
                    RestoreOptions.all().withVerify(true)).errors()).isEmpty();
        }
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }
}
