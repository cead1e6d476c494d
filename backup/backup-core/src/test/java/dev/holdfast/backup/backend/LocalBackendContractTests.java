package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.testkit.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
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
        assertReadsLargeRangesToTheByte(backend);
        if (List.of("ext4", "xfs", "btrfs").contains(Files.getFileStore(temp).type())) {
            assertThat(backend.readsDirectly()).isTrue();
        }
    }

    /**
     * ramfs refuses {@code O_DIRECT} (open fails with EINVAL) while reporting a block size, as some FUSE file systems
     * do: the first large read finds out, and it and every later one are read through the page cache instead.
     */
    @Test
    void readsLargeRangesThroughThePageCacheWhereTheFileSystemRefusesDirectReads() throws Exception {
        Path mount = Files.createDirectories(temp.resolve("ramfs"));
        Peers.assume(run("mount", "-t", "ramfs", "ramfs", mount.toString()), "a ramfs mount (needs root on Linux)",
                "run the tests as root, as CI does");
        try {
            LocalBackend backend = new LocalBackend(mount.resolve("repo"));
            assertThat(backend.readsDirectly()).as("no repository there yet").isFalse();
            backend.create();
            assertThat(Files.getFileStore(mount).type()).isEqualTo("ramfs");
            assertThat(backend.readsDirectly()).as("before the first read, as the block size suggests").isTrue();
            assertReadsLargeRangesToTheByte(backend);
            assertThat(backend.readsDirectly()).isFalse();
        } finally {
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException notThere) {
            return false;
        }
    }

    private static void assertReadsLargeRangesToTheByte(LocalBackend backend) {
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
    }
}
