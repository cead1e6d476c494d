package dev.holdfast.backup.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --read-data} reads a pack in windows: damage past the first window is found and named all the same. */
class CheckReadDataIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void findsAFlippedByteDeepInALargePackAndNamesItsBlob() throws Exception {
        // random: packs fill to 16 MiB
        Path source = Fixtures.randomFiles(temp.resolve("src"), "random-", 3, 7 * 1024 * 1024, 8);
        Path repo = temp.resolve("repo");
        try (Repository repository = Repository.init(new LocalBackend(repo), "pw", Fixtures.options(Compression.AUTO),
                null)) {
            new Archiver(repository).backup(List.of(source), BackupOptions.of("h"));
            assertThat(new Checker(repository).check(CheckOptions.readAllData()).errors()).isEmpty();

            Map.Entry<Id, List<PackedBlob>> largest = repository.indexedPacks().entrySet().stream()
                    .max(Comparator.comparingLong(pack -> Repository.expectedPackSize(pack.getValue()))).orElseThrow();
            long at = 10L * 1024 * 1024; // beyond the first 4 MiB window
            assertThat(Repository.expectedPackSize(largest.getValue())).isGreaterThan(at);
            PackedBlob damaged = largest.getValue().stream()
                    .filter(blob -> blob.offset() <= at && at < blob.offset() + blob.length()).findFirst().orElseThrow();
            Path file = repo.resolve("data").resolve(largest.getKey().hex().substring(0, 2)).resolve(largest.getKey().hex());
            file.toFile().setWritable(true);
            try (RandomAccessFile pack = new RandomAccessFile(file.toFile(), "rw")) {
                pack.seek(at);
                int b = pack.read();
                pack.seek(at);
                pack.write(b ^ 1);
            }

            List<String> errors = new Checker(repository).check(CheckOptions.readAllData()).errors();

            assertThat(errors).anySatisfy(error -> assertThat(error).contains(largest.getKey().toString())
                    .contains("content does not match its ID"));
            assertThat(errors).anySatisfy(error -> assertThat(error).contains(damaged.id().toString())
                    .contains("ciphertext verification failed"));
            assertThat(errors).allSatisfy(error -> assertThat(error).contains(largest.getKey().toString()));
        }
    }
}
