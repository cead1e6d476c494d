package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.archiver.BackupSummary;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.repository.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6c: restic and Holdfast share one repository and deduplicate against each other's blobs. */
class SharedHistoryInteropIntegrationTests {

    private static final int CHANGED = 200_000;

    @TempDir
    Path temp;

    private Path source() throws Exception {
        return Fixtures.randomFiles(temp.resolve("src"), "big", 3, 1_500_000, 5);
    }

    private static void change(Path source) throws Exception {
        byte[] data = new byte[CHANGED];
        new Random(6).nextBytes(data);
        Files.write(source.resolve("new"), data);
    }

    @Test
    void holdfastUploadsOnlyWhatChangedSinceResticsBackup() throws Exception {
        Path source = source();
        Restic restic = new Restic(temp.resolve("repo"));
        restic.initWithCheapKey();
        restic.run("backup", source.toString()).assertSuccess();
        change(source);

        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO))) {
            BackupSummary summary = new Archiver(repository).backup(List.of(source), BackupOptions.of("other"));
            assertThat(summary.bytesRead()).isGreaterThan(4_000_000); // no parent: everything is read ...
            assertThat(summary.bytesAdded()).isEqualTo(CHANGED); // ... but only the new file is stored
        }
        restic.run("check", "--read-data").assertSuccess();
    }

    @Test
    void resticUploadsOnlyWhatChangedSinceHoldfastsBackup() throws Exception {
        Path source = source();
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            new Archiver(repository).backup(List.of(source), BackupOptions.of("other"));
        }
        change(source);

        JsonNode summary = null;
        for (String line : new Restic(temp.resolve("repo")).run("backup", "--json", source.toString())
                .assertSuccess().stdout().split("\n")) {
            if (line.contains("\"summary\"")) {
                summary = new Restic.Result(0, line, "").json();
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.get("data_blobs").asInt()).isEqualTo(1);
        assertThat(summary.get("data_added").asLong()).isBetween((long) CHANGED, CHANGED + 10_000L); // plus new tree blobs
    }
}
