package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.TreeJson;
import java.nio.charset.StandardCharsets;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.archiver.BackupSummary;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.CheckResult;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.RestoreSummary;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6b: what restic 0.14 writes, Holdfast checks and restores byte for byte. */
class ResticWritesHoldfastReadsIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void restoresWhatResticBackedUpAndChecksItClean() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        Path source = SampleTree.create(temp.resolve("src"));
        restic.run("init").assertSuccess();
        restic.run("backup", source.toString()).assertSuccess();

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            CheckResult check = new Checker(repository).check(CheckOptions.readAllData());
            assertThat(check.errors()).isEmpty();
            assertThat(check.packsRead()).isPositive();

            Snapshot latest = repository.findSnapshot("latest");
            RestoreSummary restore = new Restorer(repository).restore(latest, temp.resolve("out"),
                    RestoreOptions.all().withVerify(true));
            assertThat(restore.errors()).isEmpty();
            assertReserialisesTreesByteForByte(repository, latest.tree());
        }

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }

    /** Trees Holdfast writes for the same metadata are the bytes restic writes, so trees dedup across tools. */
    private static void assertReserialisesTreesByteForByte(Repository repository, Id tree) {
        byte[] raw = repository.loadBlob(BlobType.TREE, tree);
        assertThat(new String(TreeJson.encode(TreeJson.decode(raw)), StandardCharsets.UTF_8))
                .isEqualTo(new String(raw, StandardCharsets.UTF_8));
        for (Node node : TreeJson.decode(raw).nodes()) {
            if (node.subtree() != null) {
                assertReserialisesTreesByteForByte(repository, node.subtree());
            }
        }
    }

    @Test
    void doesNotRereadFilesUnchangedSinceResticsSnapshot() throws Exception {
        Restic restic = new Restic(temp.resolve("repo"));
        Path source = SampleTree.create(temp.resolve("src"));
        restic.initWithCheapKey();
        restic.run("backup", source.toString()).assertSuccess();

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            Snapshot parent = repository.findSnapshot("latest");
            BackupSummary summary = new Archiver(repository).backup(List.of(source),
                    BackupOptions.of("holdfast").withParent(parent));

            assertThat(summary.bytesRead()).isZero();
            assertThat(summary.dataBlobsAdded()).isZero();
            assertThat(summary.filesUnmodified()).isEqualTo(10);
        }
        restic.run("check", "--read-data").assertSuccess();
    }
}
