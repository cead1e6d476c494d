package dev.holdfast.backup.restorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import dev.holdfast.backup.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores into a target that already holds files: what is there is replaced, and links put there are not followed. */
class RestorerIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void restoresOverAnEarlierRestoreWithoutWritingThroughLinksPutInItsPlace() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO), null)) {
            Snapshot snapshot = new Archiver(repository).backup(List.of(source), BackupOptions.of("h")).snapshot();
            Path target = temp.resolve("out");
            Path restored = target.resolve(Path.of("/").relativize(source));
            Restorer restorer = new Restorer(repository);
            assertThat(restorer.restore(snapshot, target, RestoreOptions.all()).errors()).isEmpty();
            TreeComparison.assertIdentical(source, restored);

            Path outside = Files.writeString(temp.resolve("outside.txt"), "not to be overwritten");
            Files.delete(restored.resolve("random.bin"));
            Files.createSymbolicLink(restored.resolve("random.bin"), outside);
            Files.writeString(restored.resolve("text.log"), "longer than the original ".repeat(100_000));
            Files.delete(restored.resolve("dir with space/nested/deeper/deep.txt"));

            assertThat(restorer.restore(snapshot, target, RestoreOptions.all()).errors()).isEmpty();
            TreeComparison.assertIdentical(source, restored);
            assertThat(Files.readString(outside)).isEqualTo("not to be overwritten");
        }
    }
}
