package dev.holdfast.backup.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs are built in temporary files: a backup, finished or failed, leaves none behind, and the packs are whole. */
class TemporaryPacksIntegrationTests {

    @TempDir
    Path temp;

    private Path source() throws Exception {
        // random: stored raw, sealed in the chunk buffers
        Path source = Fixtures.randomFiles(temp.resolve("src"), "random-", 3, 7 * 1024 * 1024, 5);
        Files.writeString(source.resolve("text"), "compressible ".repeat(500_000));
        return source;
    }

    private RepositoryOptions options(Path packs) {
        return Fixtures.options(Compression.AUTO).withTempDirectory(packs);
    }

    private static long filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void aBackupLeavesNoTemporaryPackAndItsPacksCheckWithTheirData() throws Exception {
        Path source = source();
        Path packs = Files.createDirectories(temp.resolve("packs"));
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "pw", options(packs),
                null)) {
            BackupSummary summary = new Archiver(repository).backup(List.of(source), BackupOptions.of("h"));

            assertThat(summary.errors()).isEmpty();
            assertThat(filesIn(packs)).isZero();
            assertThat(new Checker(repository).check(CheckOptions.readAllData()).errors()).isEmpty();
        }
    }

    @Test
    void aBackupWhoseUploadsFailLeavesNoTemporaryPack() throws Exception {
        Path source = source();
        Path packs = Files.createDirectories(temp.resolve("packs"));
        LocalBackend local = new LocalBackend(temp.resolve("repo"));
        try (Repository repository = Repository.init(new FailingPacks(local), "pw", options(packs), null)) {
            assertThatThrownBy(() -> new Archiver(repository).backup(List.of(source), BackupOptions.of("h")))
                    .matches(TemporaryPacksIntegrationTests::causedByTheBackend, "failed for the refused pack");
        }
        assertThat(filesIn(packs)).isZero();
        assertThat(local.list(FileType.DATA)).isEmpty();
    }

    @Test
    void aBackupRemovesTemporaryPacksOfDeadProcessesAndKeepsThoseOfLiveOnes() throws Exception {
        Path source = source();
        Path packs = Files.createDirectories(temp.resolve("packs"));
        // what a backup killed mid-pack leaves: a temporary pack nobody holds
        Path leftover = Files.write(packs.resolve("holdfast-pack-1234.tmp"), new byte[4096]);
        Path held = Files.write(packs.resolve("holdfast-pack-5678.tmp"), new byte[4096]);
        Path unrelated = Files.write(packs.resolve("other.tmp"), new byte[10]);
        Process holder = holdLock(held);
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "pw", options(packs),
                null)) {
            BackupSummary summary = new Archiver(repository).backup(List.of(source), BackupOptions.of("h"));

            assertThat(summary.errors()).isEmpty();
            assertThat(leftover).doesNotExist();
            assertThat(held).as("the temporary pack of a live process").exists();
            assertThat(unrelated).exists();
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Another process holding a POSIX lock on {@code file}, as a running backup does on its temporary pack. */
    private static Process holdLock(Path file) throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }

    /** Locks a file and waits to be killed. */
    static final class LockHolder {

        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    private static boolean causedByTheBackend(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BackendException) {
                return true;
            }
        }
        return false;
    }

    /** A backend whose disk refuses pack files: everything else is saved. */
    private record FailingPacks(Backend delegate) implements Backend {

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public void create() {
            delegate.create();
        }

        @Override
        public void save(Handle handle, byte[] data) {
            refusePacks(handle);
            delegate.save(handle, data);
        }

        @Override
        public void save(Handle handle, Path source) {
            refusePacks(handle);
            delegate.save(handle, source);
        }

        private static void refusePacks(Handle handle) {
            if (handle.type() == FileType.DATA) {
                throw new BackendException("no space left on device", null);
            }
        }

        @Override
        public byte[] load(Handle handle, long offset, int length) {
            return delegate.load(handle, offset, length);
        }

        @Override
        public long size(Handle handle) {
            return delegate.size(handle);
        }

        @Override
        public boolean exists(Handle handle) {
            return delegate.exists(handle);
        }

        @Override
        public void remove(Handle handle) {
            delegate.remove(handle);
        }

        @Override
        public List<FileInfo> list(FileType type) {
            return delegate.list(type);
        }
    }
}
