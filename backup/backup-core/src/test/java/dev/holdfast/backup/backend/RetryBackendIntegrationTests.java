package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.backend.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryBackendIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void retriesUntilTheBackendRecoversButNotForMissingFiles() throws Exception {
        LocalBackend local = new LocalBackend(temp.resolve("repo"));
        RetryBackend retrying = new RetryBackend(local, 5, Duration.ofMillis(20));
        Handle handle = new Handle(FileType.SNAPSHOT, "ab".repeat(32));
        Files.createDirectories(temp.resolve("repo"));
        Files.writeString(temp.resolve("repo/snapshots"), "a file where the folder should be");

        Thread repair = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
                Files.delete(temp.resolve("repo/snapshots")); // the outage ends
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        retrying.save(handle, new byte[] {1, 2, 3});
        repair.join();

        assertThat(local.load(handle, 0, 0)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> retrying.load(new Handle(FileType.INDEX, "cd".repeat(32)), 0, 0))
                .isInstanceOf(MissingFileException.class);
    }
}
