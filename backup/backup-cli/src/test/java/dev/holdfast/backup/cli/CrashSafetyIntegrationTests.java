package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 7: kill -9 during backup and prune leaves a repository that restic and Holdfast both check clean. */
class CrashSafetyIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    /** Names of all files in the repository's data/ and index/ folders. */
    private java.util.Set<String> repositoryFiles() throws Exception {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String folder : List.of("data", "index", "snapshots")) {
            try (var files = Files.walk(temp.resolve("repo").resolve(folder))) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(folder + "/" + f.getFileName()));
            }
        }
        return names;
    }

    /**
     * holdfast-backup as a separate JVM, killed with SIGKILL {@code delayMillis} after its first change to data/ or
     * index/ (so the kill lands mid-operation, not before it started).
     */
    private boolean runAndKillMidway(long delayMillis, String... args) throws Exception {
        java.util.Set<String> before = repositoryFiles();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), HoldfastBackup.class.getName(), "--insecure-kdf",
                "--pack-size", "4"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RESTIC_REPOSITORY", temp.resolve("repo").toString());
        builder.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        // a killed backup leaves its temporary pack where packs are built: in the test's folder, not in /tmp
        builder.environment().put("TMPDIR", Files.createDirectories(temp.resolve("tmp")).toString());
        Process process = builder.start();
        boolean changed = false;
        while (process.isAlive() && !(changed = !repositoryFiles().equals(before))) {
            Thread.sleep(5);
        }
        Thread.sleep(delayMillis);
        boolean killed = process.isAlive();
        process.destroyForcibly(); // SIGKILL
        process.waitFor(30, TimeUnit.SECONDS);
        return changed && killed;
    }

    private void assertBothCheckClean() {
        Restic restic = new Restic(temp.resolve("repo"));
        restic.run("unlock").assertSuccess(); // restic 0.14 keeps stale locks until unlocked
        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        assertThat(cli().run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
    }

    /**
     * 700 kB of random data each: enough that a backup is still running 100 ms after its first 4 MiB pack (with 12
     * files, two reader threads finished it before the kill).
     */
    private static final int FILES = 96;

    @Test
    void survivesKillsDuringBackupAndPrune() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src"));
        Random random = new Random(9);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[700_000];
            random.nextBytes(data);
            Files.write(source.resolve("f" + i), data);
        }
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        for (int round = 0; round < 1; round++) {
            for (int i = 0; i < FILES; i++) {
                byte[] data = new byte[700_000];
                random.nextBytes(data);
                Files.write(source.resolve("f" + i), data);
            }
            boolean midway = runAndKillMidway(random.nextInt(100), "backup", source.toString());
            assertThat(midway).as("killed after its first pack, before it finished").isTrue();
            assertBothCheckClean();
        }
        Path tmp = temp.resolve("tmp");
        cli().env("TMPDIR", tmp.toString()).run("backup", source.toString()).assertSuccess();
        try (var left = Files.list(tmp)) {
            assertThat(left).as("temporary packs left by the killed backup, after the next one").isEmpty();
        }
        cli().run("backup", source.toString()).assertSuccess();
        assertThat(runAndKillMidway(0, "forget", "--keep-last", "1", "--prune", "--max-unused", "0%")).isTrue();
        assertBothCheckClean();
    }
}
