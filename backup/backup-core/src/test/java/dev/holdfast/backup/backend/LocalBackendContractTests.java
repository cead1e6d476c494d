package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.backend.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendContractTests extends BackendContractTests {

    @TempDir
    Path temp;

    @Override
    protected Backend newBackend() {
        return new LocalBackend(temp.resolve("repo"));
    }

    @Test
    void laysFilesOutAsResticDoes() throws Exception {
        try (Stream<Path> dirs = Files.list(temp.resolve("repo/data"))) {
            assertThat(dirs.count()).isEqualTo(256);
        }
        assertThat(temp.resolve("repo/keys")).isDirectory();
        assertThat(temp.resolve("repo/locks")).isDirectory();
        assertThat(temp.resolve("repo/snapshots")).isDirectory();
        assertThat(temp.resolve("repo/index")).isDirectory();
    }
}
