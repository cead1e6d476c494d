package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.archiver.BackupSummary;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.repository.Repository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 4, 6a: what Holdfast writes, restic 0.14 checks clean and restores byte for byte. */
class HoldfastWritesResticReadsIntegrationTests {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"AUTO", "OFF"})
    void resticChecksAndRestoresWhatHoldfastBackedUp(Compression compression) throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        Path source = SampleTree.create(temp.resolve("src"));
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(compression), null)) {
            BackupSummary summary = new Archiver(repository).backup(List.of(source), BackupOptions.of("holdfast"));
            assertThat(summary.errors()).isEmpty();
        }

        Restic.Result check = restic.run("check", "--read-data").assertSuccess();
        assertThat(check.stdout()).contains("no errors were found");
        assertThat(check.stderr()).doesNotContain("error");
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }
}
