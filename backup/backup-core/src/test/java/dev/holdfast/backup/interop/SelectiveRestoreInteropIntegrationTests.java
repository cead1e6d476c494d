package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.Restorer;
import dev.holdfast.backup.walker.Stats;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restore --include/--exclude and stats (restore size, raw data) give what restic 0.14 gives for the same snapshot. */
class SelectiveRestoreInteropIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void restoresTheSameSelectionAsRestic() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        Restic restic = new Restic(temp.resolve("repo"));
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            Snapshot snapshot = new Archiver(repository).backup(List.of(source), BackupOptions.of("h")).snapshot();
            Restorer restorer = new Restorer(repository);
            String nested = source + "/dir with space";
            restorer.restore(snapshot, temp.resolve("ours-include"),
                    RestoreOptions.all().withIncludes(List.of(nested)));
            restorer.restore(snapshot, temp.resolve("ours-exclude"),
                    RestoreOptions.all().withExcludes(List.of("*.bin", "dir with space")));
            restic.run("restore", "latest", "--target", temp.resolve("restic-include").toString(), "--include", nested)
                    .assertSuccess();
            restic.run("restore", "latest", "--target", temp.resolve("restic-exclude").toString(), "--exclude", "*.bin",
                    "--exclude", "dir with space").assertSuccess();

            assertThat(TreeComparison.describe(temp.resolve("ours-include")).keySet())
                    .isEqualTo(TreeComparison.describe(temp.resolve("restic-include")).keySet())
                    .anyMatch(p -> p.endsWith("deep.txt")).noneMatch(p -> p.endsWith("small.txt"));
            assertThat(TreeComparison.describe(temp.resolve("ours-exclude")).keySet())
                    .isEqualTo(TreeComparison.describe(temp.resolve("restic-exclude")).keySet())
                    .anyMatch(p -> p.endsWith("small.txt")).noneMatch(p -> p.endsWith(".bin"));

            long resticSize = restic.run("stats", "--json", "--mode", "restore-size").assertSuccess().json()
                    .get("total_size").asLong();
            var raw = restic.run("stats", "--json", "--mode", "raw-data").assertSuccess().json();
            Stats.Totals ours = new Stats(repository).of(List.of(snapshot));
            assertThat(ours.restoreSize()).isEqualTo(resticSize);
            assertThat(ours.uniqueBlobs()).as("blobs").isEqualTo(raw.get("total_blob_count").asLong());
            assertThat(ours.rawStored()).as("stored").isEqualTo(raw.get("total_size").asLong());
        }
    }
}
