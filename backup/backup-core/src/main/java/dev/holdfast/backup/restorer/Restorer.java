package dev.holdfast.backup.restorer;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.GoFileMode;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Writes a snapshot's tree below a target directory, as {@code restic restore --target} does: file content (zero
 * chunks become holes), directories, symlinks and hardlinks, then ownership (as root), modes and times, directories
 * last. Holds a shared lock while it runs. One restore at a time per instance.
 *
 * <p>As restic does, content is restored by pack, not by file: walking the trees makes the directories and plans
 * which blobs of which pack go where; then a few workers each take a pack, read the blobs it needs in a few large
 * ranges, decrypt them where they lie, decompress and hash them into reused buffers, and write each blob with
 * positional writes to every file (and position) that uses it, creating the file at its first write. A file is
 * finished (length, metadata, verification) by the worker that writes its last blob; directories' metadata is
 * applied at the end, children before parents. Names in a directory this restore made are not deleted first: the
 * walk is the serial part of a restore, and a lookup per file was a sixth of it.
 *
 * <p>The plan holds about a KiB per file: once it holds {@link #BATCH_BYTES}, the walk pauses while its content is
 * written, so a restore of any number of files fits a small heap (restic plans the whole snapshot: 586 MiB for
 * 600,000 small files). A pack whose blobs fall into two batches is read in part twice.
 */
public final class Restorer {

    private static final int IO_SLICE = 256 * 1024; // the launcher's jdk.nio.maxCachedBufferSize
    private static final byte[] ZEROS = new byte[64 * 1024];
    /** Blobs of one pack closer than this are read in one range, skipping what lies between. */
    private static final int MAX_GAP = 256 * 1024;
    /** Ranges stop growing at this size (a single larger blob is still read whole). */
    private static final int MAX_RANGE = 4 << 20;
    /**
     * How workers open the files they write: the first to write a file creates it (in a directory this restore made,
     * or after the path was deleted), never following a symbolic link put in its place.
     */
    private static final Set<OpenOption> CREATE_FOR_WRITING = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);

    private final Repository repository;
    private final int threads;
    private final Map<String, Path> hardlinks = new HashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Runnable> directoryMetadata = new ArrayList<>();
    /** Per pack, in order of first use: each needed blob and where it goes. */
    private final Map<Id, Map<Id, PlannedBlob>> plan = new LinkedHashMap<>();
    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private long directories;
    /**
     * What the plan holds, roughly: a planned file (its node with three timestamps, names, path and job) takes about
     * {@link #PLANNED_FILE_BYTES}, each of its blobs (index entry, ID, target) {@link #PLANNED_BLOB_BYTES}.
     */
    private long plannedBytes;
    private static final int PLANNED_FILE_BYTES = 1200;
    private static final int PLANNED_BLOB_BYTES = 200;
    /** The plan is written once it holds this much: 16 MiB, about 14,000 small files. */
    static final long BATCH_BYTES = 16L << 20;
    private @Nullable RepositoryLock lock;
    private boolean lockConfirmed;

    /** A file being restored: finished by whoever writes its last blob. */
    private static final class FileJob {
        final Node node;
        final Path path;
        final RestoreOptions options;
        final long size;
        final AtomicInteger remaining = new AtomicInteger();
        /** The end of the last byte written: where it equals {@link #size}, the file needs no length set. */
        final AtomicLong writtenEnd = new AtomicLong();
        volatile boolean failed;

        FileJob(Node node, Path path, RestoreOptions options, long size) {
            this.node = node;
            this.path = path;
            this.options = options;
            this.size = size;
        }
    }

    private record Target(FileJob file, long position) {}

    private record PlannedBlob(PackedBlob blob, List<Target> targets) {}

    public Restorer(Repository repository) {
        this(repository, Runtime.getRuntime().availableProcessors());
    }

    /** A restorer reading and writing up to {@code threads} packs at a time. */
    public Restorer(Repository repository, int threads) {
        this.repository = repository;
        this.threads = Math.max(1, threads);
    }

    public RestoreSummary restore(Snapshot snapshot, Path target, RestoreOptions options) {
        hardlinks.clear();
        errors.clear();
        directoryMetadata.clear();
        plan.clear();
        plannedBytes = 0;
        files.reset();
        bytes.reset();
        directories = 0;
        try (RepositoryLock held = repository.beginReadLock(false)) {
            lock = held;
            lockConfirmed = false;
            boolean fresh = Files.notExists(target, LinkOption.NOFOLLOW_LINKS);
            Files.createDirectories(target);
            restoreTree(snapshot.tree(), target, fresh, "", options, new Selection(options));
            writePlanned();
            for (int i = directoryMetadata.size() - 1; i >= 0; i--) {
                directoryMetadata.get(i).run(); // children before parents: a directory's mtime is set last
            }
        } catch (IOException e) {
            errors.add(target + ": " + e.getMessage());
        } finally {
            plan.clear();
            lock = null;
        }
        return new RestoreSummary(files.sum(), directories, bytes.sum(), errors);
    }

    /**
     * Plans a file's blobs; the worker that writes its first blob creates it. A file without content is created and
     * finished at once, and one with several links is created now, so that its other names can link to it.
     */
    private void planFile(Node node, Path path, RestoreOptions options) throws IOException {
        if (linkToEarlierCopy(node, path)) {
            return;
        }
        List<Id> content = node.content() == null ? List.of() : node.content();
        List<PackedBlob> blobs = new ArrayList<>(content.size());
        long size = 0;
        for (Id id : content) {
            PackedBlob blob = repository.lookup(BlobType.DATA, id);
            if (blob == null) {
                throw new dev.holdfast.backup.IntegrityException("data blob " + id + " is not in the index");
            }
            blobs.add(blob);
            size += blob.plaintextLength();
        }
        if (blobs.isEmpty() || node.links() > 1) {
            Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        }
        FileJob job = new FileJob(node, path, options, size);
        job.remaining.set(blobs.size());
        long position = 0;
        for (PackedBlob blob : blobs) {
            plan.computeIfAbsent(blob.pack(), pack -> new HashMap<>())
                    .computeIfAbsent(blob.id(), id -> new PlannedBlob(blob, new ArrayList<>()))
                    .targets().add(new Target(job, position));
            position += blob.plaintextLength();
        }
        if (blobs.isEmpty()) {
            finish(job);
        }
        plannedBytes += PLANNED_FILE_BYTES + (long) PLANNED_BLOB_BYTES * blobs.size();
        if (plannedBytes >= BATCH_BYTES) {
            writePlanned(); // the walk goes on once this batch is written
        }
    }

    /** Writes the content planned so far, under the confirmed lock, and empties the plan. */
    private void writePlanned() {
        if (!lockConfirmed) {
            // the walk so far overlapped the lock's second check; content is written under the lock
            Objects.requireNonNull(lock, "no restore running").confirm();
            lockConfirmed = true;
        }
        writeContent();
        plan.clear();
        plannedBytes = 0;
    }

    /**
     * Reads every planned pack once, on {@link #threads} workers, writing its blobs where they go. Even workers take
     * packs from the front of the plan, odd ones from the back: neighbouring packs mostly hold the same large file,
     * and two threads writing one file wait for its inode lock in the kernel, spinning (a sixth of a 2 GiB restore's
     * samples in {@code rwsem_spin_on_owner} when both took the next pack in turn).
     */
    private void writeContent() {
        List<Map<Id, PlannedBlob>> packs = new ArrayList<>(plan.values());
        int[] open = {0, packs.size()}; // the packs not yet taken: [open[0], open[1])
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, packs.size()); t++) {
            boolean fromBack = t % 2 == 1;
            workers.add(Thread.ofPlatform().daemon().name("restorer-" + t).start(() -> {
                RangeBuffer buffer = new RangeBuffer();
                try (Repository.BlobDecoder decoder = repository.blobDecoder()) {
                    while (true) {
                        int i;
                        synchronized (open) {
                            if (open[0] >= open[1]) {
                                break;
                            }
                            i = fromBack ? --open[1] : open[0]++;
                        }
                        restorePack(packs.get(i).values(), buffer, decoder);
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.holdfast.backup.BackupException("interrupted while restoring", e);
            }
        }
    }

    /**
     * A worker's read buffer, grown to the largest range it has read (up to {@link #MAX_RANGE}, or one blob of up to
     * 8 MiB): a fresh array per range was hundreds of MiB of garbage in a large restore, and serial GC promoted the
     * ranges in flight, so full collections followed.
     */
    private static final class RangeBuffer {
        byte[] bytes = new byte[0];

        byte[] atLeast(int size) {
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, Math.min(MAX_RANGE, 2 * bytes.length))];
            }
            return bytes;
        }
    }

    /** Reads one pack's needed blobs in ranges of nearby blobs and writes each to its targets. */
    private void restorePack(java.util.Collection<PlannedBlob> needed, RangeBuffer buffer,
            Repository.BlobDecoder decoder) {
        try (OpenFile open = new OpenFile()) {
            restorePack(needed, buffer, decoder, open);
        }
    }

    /**
     * The file a worker wrote last, kept open for the pack's next blob, which mostly goes to the same file: an open
     * and a close per blob were a fifth of a restore's system calls.
     */
    private final class OpenFile implements AutoCloseable {
        @Nullable FileJob file;
        @Nullable FileChannel channel;

        FileChannel channelFor(FileJob job) throws IOException {
            if (file != job || channel == null) {
                close();
                channel = FileChannel.open(job.path, CREATE_FOR_WRITING);
                file = job;
            }
            return channel;
        }

        /**
         * Closes the file; a failure (a network filesystem reports late write errors here) is the file's error,
         * unless {@link #discard} let it go already.
         */
        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    if (file != null) {
                        file.failed = true;
                        errors.add(file.path + ": " + e.getMessage());
                    }
                }
            }
            channel = null;
            file = null;
        }

        /** Closes the file after a failed write, whose own error is the one reported. */
        void discard() {
            file = null;
            close();
        }
    }

    private void restorePack(java.util.Collection<PlannedBlob> needed, RangeBuffer buffer,
            Repository.BlobDecoder decoder, OpenFile open) {
        List<PlannedBlob> blobs = new ArrayList<>(needed);
        blobs.sort(java.util.Comparator.comparingLong(planned -> planned.blob().offset()));
        int first = 0;
        while (first < blobs.size()) {
            long start = blobs.get(first).blob().offset();
            long end = start + blobs.get(first).blob().length();
            int last = first + 1;
            while (last < blobs.size()) {
                PackedBlob blob = blobs.get(last).blob();
                long newEnd = Math.max(end, blob.offset() + blob.length());
                if (blob.offset() - end > MAX_GAP || newEnd - start > MAX_RANGE) {
                    break;
                }
                end = newEnd;
                last++;
            }
            List<PlannedBlob> range = blobs.subList(first, last);
            int rangeLength = Math.toIntExact(end - start);
            byte[] bytes = buffer.atLeast(rangeLength);
            try {
                repository.backend().load(new dev.holdfast.backup.backend.Handle(
                        dev.holdfast.backup.backend.FileType.DATA, range.getFirst().blob().pack().hex()), start,
                        rangeLength, bytes);
            } catch (RuntimeException e) {
                range.forEach(planned -> fail(planned, e));
                first = last;
                continue;
            }
            for (PlannedBlob planned : range) { // each blob once: decoding replaces its bytes in the buffer
                Repository.BlobDecoder.Plaintext plain;
                try {
                    plain = decoder.decodeInPlace(planned.blob(), bytes, (int) (planned.blob().offset() - start),
                            rangeLength);
                } catch (RuntimeException e) {
                    fail(planned, e);
                    continue;
                }
                boolean zero = allZero(plain.bytes(), plain.offset(), plain.length());
                for (Target target : planned.targets()) {
                    write(target, plain, zero, open);
                }
            }
            first = last;
        }
    }

    private void fail(PlannedBlob planned, RuntimeException e) {
        for (Target target : planned.targets()) {
            FileJob file = target.file();
            if (!file.failed) {
                file.failed = true;
                errors.add(file.path + ": " + e.getMessage());
            }
        }
    }

    /** Writes a blob at its position in a file (zero blobs stay holes); finishes the file after its last blob. */
    private void write(Target target, Repository.BlobDecoder.Plaintext plain, boolean zero, OpenFile open) {
        FileJob file = target.file();
        byte[] data = plain.bytes();
        int length = plain.length();
        if (!zero && !file.failed) {
            try {
                FileChannel channel = open.channelFor(file);
                // in slices, so the JDK's temporary direct buffer stays small and cached
                long shift = target.position() - plain.offset(); // a byte's place in the file minus its index
                for (int at = 0; at < length; at += IO_SLICE) {
                    ByteBuffer buffer = ByteBuffer.wrap(data, plain.offset() + at, Math.min(IO_SLICE, length - at));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer, shift + buffer.position());
                    }
                }
                file.writtenEnd.accumulateAndGet(target.position() + length, Math::max);
            } catch (IOException | RuntimeException e) {
                open.discard();
                if (!file.failed) {
                    file.failed = true;
                    errors.add(file.path + ": " + e.getMessage());
                }
            }
        }
        if (file.remaining.decrementAndGet() == 0 && !file.failed) {
            finish(file);
        }
    }

    /** Sets a fully written file's length (a trailing hole too), then its metadata; verifies it if asked. */
    private void finish(FileJob file) {
        try {
            if (file.writtenEnd.get() != file.size) { // a trailing hole (zero blobs are not written) needs the length
                try (FileChannel channel = FileChannel.open(file.path, CREATE_FOR_WRITING)) {
                    if (channel.size() > file.size) {
                        channel.truncate(file.size);
                    } else if (channel.size() < file.size) {
                        channel.write(ByteBuffer.allocate(1), file.size - 1);
                    }
                }
            }
            bytes.add(file.size);
            files.increment();
            applyMetadata(file.node, file.path, file.options);
            if (file.options.verify()) {
                verify(file.node, file.path);
            }
        } catch (IOException | RuntimeException e) {
            errors.add(file.path + ": " + e.getMessage());
        }
    }

    /**
     * Restores a tree's nodes into {@code dir}; returns whether anything was written. A {@code fresh} directory was
     * made by this restore, so nothing in it needs deleting first.
     */
    private boolean restoreTree(Id treeId, Path dir, boolean fresh, String snapshotDir, RestoreOptions options,
            Selection selection) {
        Tree tree = repository.loadTree(treeId);
        boolean any = false;
        for (Node node : tree.nodes()) {
            String path = snapshotDir + "/" + node.name();
            boolean selected = selection.selected(path);
            if (node.type() == NodeType.DIR) {
                if (selection.entered(path, selected)) {
                    any |= restoreDirectory(node, dir.resolve(node.name()), fresh, path, options, selection, selected);
                }
            } else if (selected) {
                any |= restoreLeaf(node, dir.resolve(node.name()), fresh, options);
            }
        }
        return any;
    }

    /**
     * Restores a directory node; in a fresh parent it is made with {@code mkdir}, failing if the name exists. One that
     * is not {@code selected} itself is kept only when something in it was restored.
     */
    private boolean restoreDirectory(Node node, Path path, boolean freshParent, String snapshotPath,
            RestoreOptions options, Selection selection, boolean selected) {
        if (node.subtree() == null) {
            return false;
        }
        boolean fresh;
        try {
            if (freshParent) {
                Files.createDirectory(path);
                fresh = true;
            } else {
                fresh = Files.notExists(path, LinkOption.NOFOLLOW_LINKS);
                Files.createDirectories(path);
            }
        } catch (IOException e) {
            errors.add(snapshotPath + ": " + e.getMessage());
            return false;
        }
        boolean any = restoreTree(node.subtree(), path, fresh, snapshotPath, options, selection);
        if (!any && !selected) {
            deleteQuietly(path);
            return false;
        }
        directories++;
        directoryMetadata.add(() -> applyMetadata(node, path, options));
        return true;
    }

    private boolean restoreLeaf(Node node, Path path, boolean freshParent, RestoreOptions options) {
        try {
            if (!freshParent) {
                Files.deleteIfExists(path);
            }
            switch (node.type()) {
                case FILE -> planFile(node, path, options);
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

    private static boolean allZero(byte[] data, int offset, int length) {
        for (int at = 0; at < length; at += ZEROS.length) {
            int n = Math.min(ZEROS.length, length - at);
            if (Arrays.mismatch(data, offset + at, offset + at + n, ZEROS, 0, n) >= 0) {
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
