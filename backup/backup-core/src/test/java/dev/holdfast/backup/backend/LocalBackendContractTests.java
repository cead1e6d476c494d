package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.backend.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

    @Test
    void readsLargeRangesAroundThePageCacheToTheByte() throws Exception {
        LocalBackend backend = (LocalBackend) newBackend();
        byte[] pack = new byte[3 * 1024 * 1024 + 1234];
        new Random(5).nextBytes(pack);
        Handle handle = new Handle(FileType.DATA, "ab" + "0".repeat(62));
        backend.save(handle, pack);
        byte[] into = new byte[pack.length];
        int[][] ranges = {{0, pack.length}, {1, pack.length - 1}, {4095, (1 << 20) + 3},
            {(2 << 20) - 7, (1 << 20) + 14}, {pack.length - 300_000, 300_000}};

        for (int[] range : ranges) {
            Arrays.fill(into, (byte) 0);
            backend.load(handle, range[0], range[1], into);
            assertThat(Arrays.equals(into, 0, range[1], pack, range[0], range[0] + range[1]))
                    .as("bytes %d+%d", range[0], range[1]).isTrue();
        }
        if (List.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(temp).type())) {
            assertThat(backend.readsDirectly()).isTrue();
        }
    }
}
