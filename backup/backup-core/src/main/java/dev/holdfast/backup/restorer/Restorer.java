package dev.holdfast.backup.restorer;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoFileMode;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Writes a snapshot's tree below a target directory, as {@code restic restore --target} does: file content (zero
 * chunks become holes), directories, symlinks and hardlinks, then ownership (as root), modes and times, directories
 * last. Holds a shared lock while it runs. One restore at a time per instance; files are written by a few worker
 * threads, directories' metadata is applied at the end, children before parents.
 */
public final class Restorer {

    private static final int IO_SLICE = 256 * 1024; // the launcher's jdk.nio.maxCachedBufferSize
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Repository repository;
    private final int threads;
    private final Map<String, Path> hardlinks = new HashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Runnable> directoryMetadata = new ArrayList<>();
    private final List<Future<?>> pending = new ArrayList<>();
    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private long directories;
    private @Nullable ExecutorService workers;
    private @Nullable Semaphore inFlight;

    public Restorer(Repository repository) {
        this(repository, Runtime.getRuntime().availableProcessors());
    }

    /** A restorer writing up to {@code threads} files at a time. */
    public Restorer(Repository repository, int threads) {
        this.repository = repository;
        this.threads = Math.max(1, threads);
    }

    public RestoreSummary restore(Snapshot snapshot, Path target, RestoreOptions options) {
        hardlinks.clear();
        errors.clear();
        directoryMetadata.clear();
        pending.clear();
        files.reset();
        bytes.reset();
        directories = 0;
        inFlight = new Semaphore(threads * 2);
        try (RepositoryLock lock = repository.lock(false);
                ExecutorService pool = Executors.newFixedThreadPool(threads,
                        Thread.ofPlatform().daemon().name("restorer-", 0).factory())) {
            workers = pool;
            Files.createDirectories(target);
            restoreTree(snapshot.tree(), target, "", options, new Selection(options.includes(), options.excludes()),
                    options.includes().isEmpty());
            awaitFiles();
            for (int i = directoryMetadata.size() - 1; i >= 0; i--) {
                directoryMetadata.get(i).run(); // children before parents: a directory's mtime is set last
            }
        } catch (IOException e) {
            errors.add(target + ": " + e.getMessage());
        } finally {
            workers = null;
        }
        return new RestoreSummary(files.sum(), directories, bytes.sum(), errors);
    }

    private void awaitFiles() {
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.holdfast.backup.BackupException("interrupted while restoring", e);
            } catch (ExecutionException e) {
                errors.add(String.valueOf(e.getCause()));
            }
        }
    }

    /** Writes a file on a worker (at most a few in flight); hardlinked files stay on this thread. */
    private void submit(Node node, Path path, RestoreOptions options) throws IOException {
        if (node.links() > 1 || workers == null || inFlight == null) {
            if (!linkToEarlierCopy(node, path)) {
                writeFile(node, path, options.verify());
                applyMetadata(node, path, options);
            }
            return;
        }
        Semaphore permits = inFlight;
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.holdfast.backup.BackupException("interrupted while restoring", e);
        }
        pending.add(workers.submit(() -> {
            try {
                writeFile(node, path, options.verify());
                applyMetadata(node, path, options);
            } catch (IOException | RuntimeException e) {
                errors.add(path + ": " + e.getMessage());
            } finally {
                permits.release();
            }
        }));
    }

    /** Restores a tree's nodes into {@code dir}; returns whether anything was written. */
    private boolean restoreTree(Id treeId, Path dir, String snapshotDir, RestoreOptions options, Selection selection,
            boolean selectedAll) {
        Tree tree = repository.loadTree(treeId);
        boolean any = false;
        for (Node node : tree.nodes()) {
            String path = snapshotDir + "/" + node.name();
            if (selection.excluded(path)) {
                continue;
            }
            boolean selected = selectedAll || selection.included(path);
            if (node.type() == NodeType.DIR) {
                any |= restoreDirectory(node, dir.resolve(node.name()), path, options, selection, selected);
            } else if (selected) {
                any |= restoreLeaf(node, dir.resolve(node.name()), options);
            }
        }
        return any;
    }

    private boolean restoreDirectory(Node node, Path path, String snapshotPath, RestoreOptions options,
            Selection selection, boolean selected) {
        if (node.subtree() == null || !selected && !selection.mayContainIncluded(snapshotPath)) {
            return false;
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            errors.add(snapshotPath + ": " + e.getMessage());
            return false;
        }
        boolean any = restoreTree(node.subtree(), path, snapshotPath, options, selection, selected);
        if (!any && !selected) {
            deleteQuietly(path);
            return false;
        }
        directories++;
        directoryMetadata.add(() -> applyMetadata(node, path, options));
        return true;
    }

    private boolean restoreLeaf(Node node, Path path, RestoreOptions options) {
        try {
            Files.deleteIfExists(path);
            switch (node.type()) {
                case FILE -> submit(node, path, options);
                case SYMLINK -> {
                    Files.createSymbolicLink(path, Path.of(node.linkTarget()));
                    applyMetadata(node, path, options);
                }
                case FIFO, DEV, CHARDEV -> {
                    SpecialFiles.make(node, path);
                    files.increment();
                    applyMetadata(node, path, options);
                }
                default -> {
                    errors.add(path + ": restoring " + node.type().json() + " nodes is not supported yet");
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            errors.add(path + ": " + e.getMessage());
            return false;
        }
    }

    private boolean linkToEarlierCopy(Node node, Path path) throws IOException {
        if (node.links() <= 1) {
            return false;
        }
        String key = node.deviceId() + ":" + node.inode();
        Path earlier = hardlinks.get(key);
        if (earlier == null) {
            hardlinks.put(key, path);
            return false;
        }
        Files.createLink(path, earlier);
        files.increment();
        return true;
    }

    private void writeFile(Node node, Path path, boolean verify) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            for (Id id : node.content()) {
                byte[] data = repository.loadBlob(BlobType.DATA, id);
                if (!allZero(data)) {
                    // in slices, so the JDK's temporary direct buffer stays small and cached
                    for (int at = 0; at < data.length; at += IO_SLICE) {
                        ByteBuffer buffer = ByteBuffer.wrap(data, at, Math.min(IO_SLICE, data.length - at));
                        while (buffer.hasRemaining()) {
                            channel.write(buffer, position + buffer.position());
                        }
                    }
                }
                position += data.length;
            }
            channel.truncate(position);
            if (channel.size() < position) {
                channel.write(ByteBuffer.allocate(1), position - 1); // a trailing hole still needs the length
            }
            bytes.add(position);
        }
        files.increment();
        if (verify) {
            verify(node, path);
        }
    }

    private void verify(Node node, Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            for (Id id : node.content()) {
                int length = repository.lookup(BlobType.DATA, id).plaintextLength();
                if (!Id.hash(in.readNBytes(length)).equals(id)) {
                    errors.add(path + ": restored content does not match the snapshot");
                    return;
                }
            }
            if (in.read() >= 0) {
                errors.add(path + ": restored file is longer than in the snapshot");
            }
        }
    }

    private static boolean allZero(byte[] data) {
        for (int at = 0; at < data.length; at += ZEROS.length) {
            int n = Math.min(ZEROS.length, data.length - at);
            if (Arrays.mismatch(data, at, at + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    private void applyMetadata(Node node, Path path, RestoreOptions options) {
        try {
            if (options.ownership()) {
                Files.setAttribute(path, "unix:uid", (int) node.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", (int) node.gid(), LinkOption.NOFOLLOW_LINKS);
            }
            if (node.type() == NodeType.FILE || node.type() == NodeType.DIR) {
                SpecialFiles.writeAttributes(node, path);
            }
            if (node.type() != NodeType.SYMLINK) {
                Files.setAttribute(path, "unix:mode", GoFileMode.toUnixPermissions(node.mode()));
            }
            if (SpecialFiles.handles(node.type())) {
                SpecialFiles.setTimes(node, path);
            } else {
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(
                        FileTime.from(node.mtime().toInstant()), FileTime.from(node.atime().toInstant()), null);
            }
        } catch (IOException | RuntimeException e) {
            errors.add(path + ": cannot set metadata: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // an empty directory left behind by a selective restore is harmless
        }
    }
}
