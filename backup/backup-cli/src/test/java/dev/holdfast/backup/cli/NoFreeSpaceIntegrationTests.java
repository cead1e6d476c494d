package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 (drop-in): a repository on a full disk, where prune needs room for its new index before it can free
 * anything, is recovered with restic's {@code prune --unsafe-recover-no-free-space ID}: the index and the unused packs
 * are deleted first, and restic 0.14 then checks the repository clean.
 */
class NoFreeSpaceIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void recoversARepositoryOnAFullDiskAsResticDoes() throws Exception {
        Path disk = Files.createDirectories(temp.resolve("disk"));
        Peers.assume(run("mount", "-t", "tmpfs", "-o", "size=24m", "holdfast-full", disk.toString()) == 0,
                "a tmpfs mount (root)", "run the tests as root, as CI does");
        try {
            Path repository = disk.resolve("repo");
            Cli cli = Cli.forRepository(repository.toString());
            Path source = Files.createDirectories(temp.resolve("src"));
            Random random = new Random(7);
            for (int i = 0; i < 20_000; i++) { // many blobs: an index of about a megabyte
                byte[] small = new byte[100];
                random.nextBytes(small);
                Files.write(source.resolve("f" + i), small);
            }
            cli.run("init").assertSuccess();
            cli.run("backup", source.toString()).assertSuccess();
            byte[] large = new byte[6 << 20];
            random.nextBytes(large);
            Files.write(source.resolve("large"), large); // in packs of its own: the second snapshot's only new data
            cli.run("backup", source.toString()).assertSuccess();
            Files.delete(source.resolve("large"));
            cli.run("backup", source.toString()).assertSuccess();
            cli.run("forget", "--keep-last", "1").assertSuccess();
            long filled = fill(disk.resolve("filler"), 256 * 1024);

            Cli.Result normal = cli.run("prune");
            Cli.Result wrongId = cli.run("prune", "--unsafe-recover-no-free-space", "0123abcd");
            String id = new Restic(repository).run("cat", "config").assertSuccess().json().get("id").asText();
            Cli.Result recovered = cli.run("prune", "--unsafe-recover-no-free-space", id);

            assertThat(filled).isPositive();
            assertThat(normal.exitCode()).as(normal.stdout() + normal.stderr()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(normal.stderr()).containsIgnoringCase("no space left");
            assertThat(wrongId.exitCode()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(wrongId.stderr()).contains("must pass id '" + id + "' to --unsafe-recover-no-free-space");
            assertThat(recovered.exitCode()).as(recovered.stdout() + recovered.stderr()).isZero();
            assertThat(Files.getFileStore(disk).getUsableSpace()).isGreaterThan(6L << 20);
            new Restic(repository).run("check", "--read-data").assertSuccess();
            assertThat(new Restic(repository).latestPaths()).contains(source.resolve("f19999").toString())
                    .doesNotContain(source.resolve("large").toString());
        } finally {
            run("umount", disk.toString());
        }
    }

    /** Writes {@code file} until the file system has less than {@code leave} bytes free; returns what it wrote. */
    private static long fill(Path file, long leave) throws IOException {
        long written = 0;
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (Files.getFileStore(file).getUsableSpace() > leave + block.length) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        }
        return written;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
