package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.internal.index.IndexJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A heap too small for the repository ends the command with the documented fatal code and says what to do. */
class OutOfMemoryIntegrationTests {

    private static final int BLOBS = 300_000;

    @TempDir
    Path temp;

    /** A repository whose index lists {@link #BLOBS} blobs (the packs themselves are not needed to open it). */
    private Path repositoryWithALargeIndex() {
        Path location = temp.resolve("repo");
        try (Repository repository = Repository.init(new LocalBackend(location), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            Random random = new Random(3);
            byte[] bytes = new byte[32];
            for (int file = 0; file < BLOBS / 150_000; file++) { // index files as large as restic's and ours get
                Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();
                for (int p = 0; p < 1500; p++) {
                    random.nextBytes(bytes);
                    Id pack = Id.of(bytes);
                    List<PackedBlob> blobs = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        random.nextBytes(bytes);
                        blobs.add(new PackedBlob(BlobType.DATA, Id.of(bytes), pack, 70_000L * i, 70_000, 90_000));
                    }
                    packs.put(pack, blobs);
                }
                repository.saveUnpacked(FileType.INDEX, IndexJson.encode(List.of(), packs));
            }
        }
        return location;
    }

    private record Run(int exitCode, String stderr) {}

    private Run runWithHeap(String heap, Path repository, String... args) throws Exception {
        return runWithHeap(heap, Map.of(), repository, args);
    }

    private Run runWithHeap(String heap, Map<String, String> env, Path repository, String... args) throws Exception {
        return runWithJvmOptions(List.of(heap), env, repository, args);
    }

    private Run runWithJvmOptions(List<String> jvmOptions, Map<String, String> env, Path repository, String... args)
            throws Exception {
        // C1 only, as RelativeTargetsInteropIntegrationTests' processes: a sixth less CPU for these short runs
        // (the heap, what is tested, is the same either way)
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HoldfastBackup.class.getName(),
                "--insecure-kdf", "-r", repository.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        builder.environment().remove(HeapFit.HEAP_VARIABLE);
        builder.environment().putAll(env);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr);
    }

    @Test
    void exitsFatallyNotAsAnIncompleteBackupWhenTheHeapRunsOut() throws Exception {
        Path repository = repositoryWithALargeIndex();

        Run starved = runWithHeap("-Xmx20m", Map.of(HeapFit.HEAP_VARIABLE, "20m"), repository, "backup",
                temp.toString());
        Run enough = runWithHeap("-Xmx128m", repository, "snapshots");

        assertThat(starved.exitCode()).as(starved.stderr()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(starved.stderr()).contains("out of memory").contains("HOLDFAST_BACKUP_HEAP=");
        assertThat(enough.exitCode()).as(enough.stderr()).isZero();
    }

    /**
     * A restore whose workers run out of heap (with 20-28 MiB the command gets as far as its workers, with less it
     * runs out before; direct buffers are allowed beyond the heap): the process halts from a worker thread, which
     * used to leave the restore's lock in the repository, and the next command that needs an exclusive lock refused
     * to run ("repository is already locked") until {@code unlock}.
     */
    @Test
    void leavesNoLockBehindWhenARestoreWorkerRunsOutOfHeap() throws Exception {
        Path data = java.nio.file.Files.createDirectories(temp.resolve("data"));
        byte[] random = new byte[48 << 20];
        new Random(7).nextBytes(random);
        java.nio.file.Files.write(data.resolve("large.bin"), random);
        Path repository = temp.resolve("repo");
        assertThat(runWithHeap("-Xmx96m", repository, "init").exitCode()).isZero();
        assertThat(runWithHeap("-Xmx96m", repository, "backup", data.toString()).exitCode()).isZero();

        Run starved = runWithJvmOptions(List.of("-Xmx24m", "-XX:MaxDirectMemorySize=64m"),
                Map.of(HeapFit.HEAP_VARIABLE, "24m"), repository, "restore", "latest", "--target",
                temp.resolve("restored").toString());
        Run check = runWithHeap("-Xmx96m", repository, "check");

        assertThat(starved.exitCode()).as(starved.stderr()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(starved.stderr()).contains("out of memory");
        try (var locks = java.nio.file.Files.list(repository.resolve("locks"))) {
            assertThat(locks).isEmpty();
        }
        assertThat(check.exitCode()).as(check.stderr()).isZero();
    }

    @Test
    void runsAgainWithAHeapThatFitsTheIndexUnlessTheHeapIsFixed() throws Exception {
        Path repository = repositoryWithALargeIndex();
        Path data = java.nio.file.Files.createDirectories(temp.resolve("data"));
        java.nio.file.Files.writeString(data.resolve("note.txt"), "kept");

        Run restarted = runWithHeap("-Xmx24m", repository, "backup", data.toString());
        Run fixed = runWithHeap("-Xmx24m", Map.of(HeapFit.HEAP_VARIABLE, "24m"), repository, "backup",
                data.toString());

        assertThat(restarted.exitCode()).as(restarted.stderr()).isZero();
        assertThat(restarted.stderr()).contains("running again with " + HeapFit.heapMiB(indexBytes(repository),
                HeapFit.OPEN_FACTOR) + " MiB");
        assertThat(fixed.exitCode()).as(fixed.stderr()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(fixed.stderr()).contains("out of memory");
    }

    @Test
    void listsSnapshotsWithoutLoadingTheIndex() throws Exception {
        Path repository = repositoryWithALargeIndex();

        Run listed = runWithHeap("-Xmx24m", Map.of(HeapFit.HEAP_VARIABLE, "24m"), repository, "snapshots");

        assertThat(listed.exitCode()).as("a heap the index does not fit, " + listed.stderr()).isZero();
        assertThat(listed.stderr()).doesNotContain("running again");
    }

    /**
     * A home folder of many small files, backed up and restored with a heap half the launcher's. Each file is a blob;
     * an index file's JSON (about 150 bytes a blob) was held whole with the copies of a growing buffer, and a
     * restore planned every file (about a KiB each) before writing any: with 48 MiB both ran out from about 60,000
     * files (as with 96 MiB from about 150,000). The index is now compressed as it is written, the plan written in
     * batches.
     */
    @Test
    void backsUpAndRestoresManySmallFilesWithASmallHeap() throws Exception {
        Path data = temp.resolve("many");
        int files = 60_000;
        byte[] content = new byte[64];
        Random random = new Random(5);
        for (int i = 0; i < files; i++) {
            Path folder = data.resolve("d" + i / 1000);
            if (i % 1000 == 0) {
                java.nio.file.Files.createDirectories(folder);
            }
            random.nextBytes(content);
            java.nio.file.Files.write(folder.resolve("f" + i), content);
        }
        Path repository = temp.resolve("repo");
        Map<String, String> fixedHeap = Map.of(HeapFit.HEAP_VARIABLE, "48m");
        assertThat(runWithHeap("-Xmx48m", fixedHeap, repository, "init").exitCode()).isZero();

        Run backup = runWithHeap("-Xmx48m", fixedHeap, repository, "backup", data.toString());
        Run check = runWithHeap("-Xmx48m", fixedHeap, repository, "check");
        Path target = temp.resolve("restored");
        Run restore = runWithHeap("-Xmx48m", fixedHeap, repository, "restore", "latest", "--target",
                target.toString());

        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        Path restored = target.resolve(data.toString().substring(1));
        random = new Random(5);
        for (int i = 0; i < files; i++) {
            random.nextBytes(content);
            if (i % 397 == 0) { // a sample spread over all folders, which the restore wrote in several batches
                assertThat(restored.resolve("d" + i / 1000).resolve("f" + i)).hasBinaryContent(content);
            }
        }
        try (var all = java.nio.file.Files.walk(restored)) {
            assertThat(all.filter(java.nio.file.Files::isRegularFile).count()).isEqualTo(files);
        }
    }

    /**
     * As the launcher runs it: the heap check lists the index files before prune loads the index, and prune, having
     * rewritten the index, must not load it from that stale listing (it did: "index/... does not exist", exit 1).
     */
    @Test
    void forgetsAndPrunesInAProcessOfItsOwn() throws Exception {
        Path data = java.nio.file.Files.createDirectories(temp.resolve("data"));
        Path repository = temp.resolve("repo");
        assertThat(runWithHeap("-Xmx96m", repository, "init").exitCode()).isZero();
        java.nio.file.Files.writeString(data.resolve("note.txt"), "first");
        assertThat(runWithHeap("-Xmx96m", repository, "backup", data.toString()).exitCode()).isZero();
        java.nio.file.Files.writeString(data.resolve("note.txt"), "second");
        assertThat(runWithHeap("-Xmx96m", repository, "backup", data.toString()).exitCode()).isZero();

        Run pruned = runWithHeap("-Xmx96m", repository, "forget", "--keep-last", "1", "--prune");
        Run check = runWithHeap("-Xmx96m", repository, "check");

        assertThat(pruned.exitCode()).as(pruned.stderr()).isZero();
        assertThat(check.exitCode()).as(check.stderr()).isZero();
    }

    private static long indexBytes(Path repository) throws Exception {
        try (var files = java.nio.file.Files.list(repository.resolve("index"))) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
