package dev.holdfast.backup.archiver;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.TreeJson;
import dev.holdfast.backup.repository.Host;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import dev.holdfast.backup.chunker.ChunkBuffer;
import dev.holdfast.backup.chunker.Chunker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Saves paths as a snapshot, as restic's archiver does: absolute paths become a tree from the filesystem root (the
 * directories on the way are recorded with their own metadata), relative ones a tree from the snapshot's root
 * ({@code docs} is saved as {@code /docs}, {@code ../x/y} as {@code /x/y}, and {@code .} or {@code ..} as the
 * directory's entries at the root), files are chunked with the repository polynomial,
 * and files unchanged since the parent snapshot (type, mtime, ctime, inode, size) are not read again. Holds a shared
 * lock while it runs. One backup at a time per instance.
 *
 * <p>The calling thread walks the filesystem; {@link #READERS} reader threads chunk files that need reading (as
 * restic reads two files at once), the walker itself too when they are behind; worker threads hash, compress,
 * encrypt and pack chunks, and save trees once their children are done. At most a few chunks are in flight, in
 * buffers reused from chunk to chunk, which bounds memory and spares the collector an array per chunk.
 */
public final class Archiver {

    private final Repository repository;
    /** Each reading thread's chunker (its state belongs to the file it is reading). */
    private final ThreadLocal<Chunker> chunkers;
    private final Map<Long, String> users = new ConcurrentHashMap<>();
    private final Map<Long, String> groups = new ConcurrentHashMap<>();
    private volatile Counters counters = new Counters();
    /** The running backup's {@link BackupOptions#flags()}. */
    private volatile Set<BackupOptions.Flag> flags = Set.of();
    /** With {@code --dry-run}: the blobs this backup would have added, so that each is counted once. */
    private final Set<Id> wouldAdd = ConcurrentHashMap.newKeySet();
    /** For {@code allowedDevice}: every device is allowed (no {@code -x}). */
    private static final long ANY_DEVICE = -1;
    /** For {@code allowedDevice}: the path is a target, whose own device is the allowed one with {@code -x}. */
    private static final long TARGET_DEVICE = -2;
    private final int threads;
    private static final int KEEP_BUFFER = 4 * 1024 * 1024;
    /**
     * Chunks read but not yet saved; a chunk waits for a free buffer, which bounds memory. Three per worker: with one
     * each plus one, reading and the workers stalled each other (13.5-14.3 s against 11.8-12.7 s for 2 GiB).
     */
    private final BlockingQueue<ChunkBuffer> buffers;
    private @Nullable ExecutorService workers;
    /**
     * Files read at once. With the walker alone chunking, a 2 GiB first backup kept the two cores 70 % busy: chunking
     * (about 500 MB/s on one core) left the workers waiting.
     */
    static final int READERS = 2;
    /** Files waiting for a reader; when full, the walker reads the next one itself. */
    private static final int READ_QUEUE = 32;
    private @Nullable ExecutorService readers;

    private static final class Counters {
        final LongAdder filesNew = new LongAdder();
        final LongAdder filesChanged = new LongAdder();
        final LongAdder filesUnmodified = new LongAdder();
        final LongAdder directoriesNew = new LongAdder();
        final LongAdder directoriesChanged = new LongAdder();
        final LongAdder directoriesUnmodified = new LongAdder();
        /** Sizes of all files saved, read or unmodified (restic's "total bytes processed"). */
        final LongAdder bytesProcessed = new LongAdder();
        final long started = System.nanoTime();
        final LongAdder blobsAdded = new LongAdder();
        final LongAdder bytesAdded = new LongAdder();
        final LongAdder bytesRead = new LongAdder();
        final List<String> errors = new CopyOnWriteArrayList<>();
    }

    /** A target path, or a directory on the way to targets, at its place in the snapshot's tree. */
    private static final class Target {
        final Map<String, Target> children = new TreeMap<>(Tree.NAME_ORDER);
        /** The absolute path it is read from (for the root, which is never read: {@code /}). */
        final Path source;
        boolean leaf;

        Target(Path source) {
            this.source = source;
        }

        /** The child at {@code name}, read from {@code source}; two sources at one place are refused. */
        Target child(String name, Path source) {
            Target child = children.computeIfAbsent(name, k -> new Target(source));
            if (!child.source.equals(source)) {
                throw new BackupException("%s and %s would both be saved as the same path in the snapshot"
                        .formatted(child.source, source));
            }
            return child;
        }
    }

    public Archiver(Repository repository) {
        this(repository, Runtime.getRuntime().availableProcessors());
    }

    /** An archiver using {@code threads} workers for hashing, compression and encryption. */
    public Archiver(Repository repository, int threads) {
        this.repository = repository;
        var polynomial = repository.config().polynomial();
        this.chunkers = ThreadLocal.withInitial(() -> new Chunker(polynomial));
        this.threads = Math.max(1, threads);
        this.buffers = new ArrayBlockingQueue<>(this.threads * 3);
        for (int i = 0; i < this.threads * 3; i++) {
            buffers.add(new ChunkBuffer());
        }
    }

    public BackupSummary backup(List<Path> paths, BackupOptions options) {
        try (RepositoryLock lock = repository.beginLock(false); ExecutorService pool = newPool();
                ExecutorService reading = newReaders()) {
            workers = pool;
            readers = reading;
            return run(paths, options, lock);
        } finally {
            workers = null;
            readers = null;
        }
    }

    private ExecutorService newPool() {
        return Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("archiver-", 0).factory());
    }

    private ExecutorService newReaders() {
        return new ThreadPoolExecutor(READERS, READERS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(READ_QUEUE),
                Thread.ofPlatform().daemon().name("reader-", 0).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private ExecutorService readers() {
        return running(readers);
    }

    private ExecutorService workers() {
        return running(workers);
    }

    private static ExecutorService running(@Nullable ExecutorService pool) {
        if (pool == null) {
            throw new IllegalStateException("no backup running");
        }
        return pool;
    }

    /** Files seen and bytes read so far in the running backup; safe to call from any thread. */
    public record Progress(long files, long bytesRead, long bytesAdded) {}

    public Progress progress() {
        Counters c = counters;
        return new Progress(c.filesNew.sum() + c.filesChanged.sum() + c.filesUnmodified.sum(), c.bytesRead.sum(),
                c.bytesAdded.sum());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BackupException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Saves a stream as a single file {@code /<filename>}, as {@code restic backup --stdin --stdin-filename} does:
     * mode 0644, all times the snapshot time.
     */
    public BackupSummary backupStdin(InputStream in, String filename, BackupOptions options) {
        try (RepositoryLock lock = repository.beginLock(false); ExecutorService pool = newPool()) {
            workers = pool;
            counters = new Counters();
            flags = options.flags();
            wouldAdd.clear();
            OffsetDateTime time = options.time() == null ? OffsetDateTime.now() : options.time();
            Node node = new Node(filename, NodeType.FILE, 0644, time, time, time, Host.uid(), Host.gid(), "", "", 0, 0,
                    0, 0, "", List.of(), 0, List.of(), null, "");
            node = join(readContent(in, node));
            counters.filesNew.increment();
            Id tree = saveTree(new Tree(List.of(node)));
            return finish(List.of("/" + filename), tree, time, options, lock);
        } catch (IOException e) {
            throw new BackupException("cannot read standard input: " + e.getMessage(), e);
        } finally {
            workers = null;
        }
    }

    /** Saves the index and the snapshot, once the lock is confirmed (packs saved before are harmless without them). */
    private BackupSummary finish(List<String> paths, Id tree, OffsetDateTime time, BackupOptions options,
            RepositoryLock lock) {
        lock.confirm();
        Snapshot unsaved = new Snapshot(null, time, options.parent() == null ? null : options.parent().id(), tree,
                paths, options.hostname(), Host.username(), Host.uid(), Host.gid(), options.exclusions().patterns(),
                options.tags(), null);
        Snapshot snapshot = unsaved;
        if (!dryRun()) {
            repository.flush();
            snapshot = repository.saveSnapshot(unsaved);
        }
        Counters c = counters;
        return new BackupSummary(snapshot, c.filesNew.sum(), c.filesChanged.sum(), c.filesUnmodified.sum(),
                c.directoriesNew.sum(), c.directoriesChanged.sum(), c.directoriesUnmodified.sum(), c.blobsAdded.sum(),
                c.bytesAdded.sum(), c.bytesRead.sum(), c.bytesProcessed.sum(),
                Duration.ofNanos(System.nanoTime() - c.started), c.errors);
    }

    private BackupSummary run(List<Path> paths, BackupOptions options, RepositoryLock lock) {
        counters = new Counters();
        flags = options.flags();
        wouldAdd.clear();
        Excludes excludes = new Excludes(options.exclusions());
        List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).sorted().distinct()
                .toList();
        Target root = new Target(Path.of("/"));
        for (Path path : resolveTargets(paths)) {
            Path source = path.toAbsolutePath().normalize();
            int places = placesInSnapshot(path);
            Target node = root;
            for (int i = source.getNameCount() - places; i < source.getNameCount(); i++) {
                node = node.child(source.getName(i).toString(), source.getRoot().resolve(source.subpath(0, i + 1)));
            }
            node.leaf = true;
        }
        Tree parentRoot = options.parent() == null ? null : repository.loadTree(options.parent().tree());
        Id tree = saveTree(join(saveTargets(root, parentRoot, excludes)));
        return finish(absolute, tree, options.time() == null ? OffsetDateTime.now() : options.time(), options, lock);
    }

    /**
     * The targets with {@code .}, {@code ..} and the like (and {@code /}) replaced by their entries, as restic does:
     * such a target has no name of its own to be saved under.
     */
    private static List<Path> resolveTargets(List<Path> paths) {
        List<Path> targets = new ArrayList<>();
        for (Path path : paths) {
            if (placesInSnapshot(path) > 0) {
                targets.add(path);
                continue;
            }
            try (Stream<Path> entries = Files.list(path.toAbsolutePath().normalize())) {
                entries.map(entry -> entry.getFileName().toString()).sorted()
                        .forEach(name -> targets.add(path.resolve(name)));
            } catch (IOException e) {
                throw new BackupException("cannot list " + path + ": " + e.getMessage(), e);
            }
        }
        return targets;
    }

    /**
     * How many of a target's names the snapshot keeps: all of an absolute path's, a relative path's without the
     * {@code ..} it starts with once normalised (restic saves {@code ../x/y} as {@code /x/y}).
     */
    private static int placesInSnapshot(Path path) {
        Path normal = path.normalize();
        if (normal.isAbsolute()) {
            return normal.getNameCount();
        }
        int places = 0;
        for (Path name : normal) {
            if (!name.toString().equals("..") && !name.toString().isEmpty()) {
                places++;
            }
        }
        return places;
    }

    private CompletableFuture<Tree> saveTargets(Target target, @Nullable Tree parent, Excludes excludes) {
        List<CompletableFuture<@Nullable Node>> nodes = new ArrayList<>();
        for (Map.Entry<String, Target> child : target.children.entrySet()) {
            Path path = child.getValue().source;
            Node parentNode = parent == null ? null : parent.find(child.getKey()).orElse(null);
            if (child.getValue().leaf) {
                nodes.add(save(path, parentNode, excludes, TARGET_DEVICE, ANY_DEVICE));
                continue;
            }
            FileStat stat = stat(path).orElse(null);
            if (stat != null) {
                Node node = nodeOf(path, child.getKey(), stat, parentNode);
                nodes.add(saveTargets(child.getValue(), subtree(parentNode), excludes).thenApplyAsync(
                        subtree -> counted(node.withSubtree(saveTree(subtree)), parentNode), workers()));
            }
        }
        return allOf(nodes).thenApply(Tree::sorted);
    }

    /** The non-null results of all futures, in order, once all are done. */
    private static CompletableFuture<List<Node>> allOf(List<CompletableFuture<@Nullable Node>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Node> nodes = new ArrayList<>(futures.size());
            for (CompletableFuture<@Nullable Node> future : futures) {
                Node node = future.join();
                if (node != null) {
                    nodes.add(node);
                }
            }
            return nodes;
        });
    }

    private @Nullable Tree subtree(@Nullable Node parentNode) {
        if (parentNode == null || parentNode.type() != NodeType.DIR || parentNode.subtree() == null) {
            return null;
        }
        return repository.loadTree(parentNode.subtree());
    }

    private Optional<FileStat> stat(Path path) {
        try {
            return Optional.of(FileStat.of(path));
        } catch (IOException e) {
            counters.errors.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Saves one path (recursively for directories); completes with null when excluded or unreadable. With {@code -x},
     * a path on another device than {@code allowedDevice} (its target's) is left out, unless it is a directory in a
     * directory on the allowed device (a mount point: saved, its content left out by the same rule), as restic does.
     */
    private CompletableFuture<@Nullable Node> save(Path path, @Nullable Node parentNode, Excludes excludes,
            long allowedDevice, long parentDevice) {
        if (excludes.excluded(path)) {
            return CompletableFuture.completedFuture(null);
        }
        FileStat stat = stat(path).orElse(null);
        if (stat == null || excludes.excluded(stat)) {
            return CompletableFuture.completedFuture(null);
        }
        long allowed = allowedDevice != TARGET_DEVICE ? allowedDevice
                : flags.contains(BackupOptions.Flag.ONE_FILE_SYSTEM) ? stat.device() : ANY_DEVICE;
        if (allowed != ANY_DEVICE && stat.device() != allowed
                && !(stat.type() == NodeType.DIR && parentDevice == allowed)) {
            return CompletableFuture.completedFuture(null);
        }
        String name = path.getFileName() == null ? "/" : path.getFileName().toString();
        Node node = nodeOf(path, name, stat, parentNode);
        try {
            return switch (node.type()) {
                case FILE -> saveFile(path, node, stat, parentNode);
                case DIR -> saveDirectory(path, node, stat.device(), parentNode, excludes, allowed);
                default -> CompletableFuture.completedFuture(node);
            };
        } catch (IOException e) {
            counters.errors.add(path + ": " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<@Nullable Node> saveDirectory(Path path, Node node, long device,
            @Nullable Node parentNode, Excludes excludes, long allowedDevice) throws IOException {
        Tree parentTree = subtree(parentNode);
        List<String> names;
        try (Stream<Path> children = Files.list(path)) {
            names = children.map(child -> child.getFileName().toString()).sorted(Tree.NAME_ORDER).toList();
        }
        List<CompletableFuture<@Nullable Node>> nodes = new ArrayList<>(names.size());
        for (String name : names) {
            nodes.add(save(path.resolve(name), parentTree == null ? null : parentTree.find(name).orElse(null),
                    excludes, allowedDevice, device));
        }
        Id parentSubtree = parentTree == null ? null : parentNode.subtree();
        return allOf(nodes).thenApplyAsync(children -> counted(node.withSubtree(
                parentSubtree != null && parentTree.nodes().equals(children) ? parentSubtree // unchanged: as it was
                        : saveTree(new Tree(children))), parentNode), workers());
    }

    /** Counts a directory as restic does: new without a node in the parent, unmodified if equal to it, else changed. */
    private Node counted(Node directory, @Nullable Node parentNode) {
        (parentNode == null || parentNode.type() != NodeType.DIR ? counters.directoriesNew
                : directory.equals(parentNode) ? counters.directoriesUnmodified : counters.directoriesChanged)
                .increment();
        return directory;
    }

    private CompletableFuture<@Nullable Node> saveFile(Path path, Node node, FileStat stat, @Nullable Node parentNode) {
        if (parentNode != null && unchanged(parentNode, stat) && allPresent(parentNode.content())) {
            counters.filesUnmodified.increment();
            counters.bytesProcessed.add(parentNode.size());
            return CompletableFuture.completedFuture(node.withContent(parentNode.content(), parentNode.size()));
        }
        CompletableFuture<@Nullable Node> saved = new CompletableFuture<>();
        readers().execute(() -> {
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                readContent(in, node).whenComplete((done, failure) -> {
                    if (failure == null) {
                        saved.complete(done);
                    } else {
                        saved.completeExceptionally(failure);
                    }
                });
                if (parentNode == null) {
                    counters.filesNew.increment();
                } else {
                    counters.filesChanged.increment();
                }
            } catch (IOException e) {
                counters.errors.add(path + ": " + e.getMessage());
                saved.complete(null);
            } catch (RuntimeException | Error e) {
                saved.completeExceptionally(e);
            }
        });
        return saved;
    }

    /** Chunks the stream on this thread, into reused buffers; hashing and saving each chunk runs on a worker. */
    private CompletableFuture<Node> readContent(InputStream in, Node node) throws IOException {
        List<CompletableFuture<Id>> chunks = new ArrayList<>();
        long size = 0;
        Chunker chunker = chunkers.get();
        chunker.reset(in);
        while (true) {
            ChunkBuffer chunk = takeBuffer();
            boolean more;
            try {
                more = chunker.next(chunk);
            } catch (IOException | RuntimeException e) {
                buffers.add(chunk);
                throw e;
            }
            if (!more) {
                buffers.add(chunk);
                break;
            }
            int length = chunk.length();
            chunks.add(CompletableFuture.supplyAsync(() -> saveChunk(chunk), workers())
                    .whenComplete((id, failure) -> release(chunk)));
            size += length;
            counters.bytesRead.add(length);
            counters.bytesProcessed.add(length);
        }
        long total = size;
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new))
                .thenApply(done -> node.withContent(chunks.stream().map(CompletableFuture::join).toList(), total));
    }

    private boolean dryRun() {
        return flags.contains(BackupOptions.Flag.DRY_RUN);
    }

    /** Saves a tree, or with {@code --dry-run} only names it. */
    private Id saveTree(Tree tree) {
        if (!dryRun()) {
            return repository.saveTree(tree);
        }
        byte[] json = TreeJson.encode(tree);
        return Id.hash(json, 0, json.length);
    }

    private Id saveChunk(ChunkBuffer chunk) {
        Id id = Id.hash(chunk.bytes(), 0, chunk.length());
        if (dryRun() ? !repository.hasBlob(BlobType.DATA, id) && wouldAdd.add(id)
                : repository.saveBlob(BlobType.DATA, id, chunk.bytes(), 0, chunk.length(), true)) {
            counters.blobsAdded.increment();
            counters.bytesAdded.add(chunk.length());
        }
        return id;
    }

    /**
     * Returns a buffer to the pool. One grown past {@link #KEEP_BUFFER} gets a smaller array: random data makes such
     * chunks rarely (about 3 % are over 4 MiB), and six kept 8 MiB buffers would crowd the launcher's 96 MiB heap.
     */
    private void release(ChunkBuffer chunk) {
        chunk.shrinkTo(KEEP_BUFFER);
        buffers.add(chunk);
    }

    private ChunkBuffer takeBuffer() {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted", e);
        }
    }

    /** restic's change detection: size and mtime, ctime unless {@code --ignore-ctime}, inode unless {@code --ignore-inode}. */
    private boolean unchanged(Node old, FileStat stat) {
        return old.type() == NodeType.FILE && old.size() == stat.size() && old.mtime().isEqual(stat.mtime())
                && (flags.contains(BackupOptions.Flag.IGNORE_CTIME) || old.ctime().isEqual(stat.ctime()))
                && (flags.contains(BackupOptions.Flag.IGNORE_INODE) || old.inode() == stat.inode());
    }

    private boolean sameInodeAndCtime(@Nullable Node old, FileStat stat) {
        return old != null && old.type() == stat.type() && !flags.contains(BackupOptions.Flag.IGNORE_CTIME)
                && old.ctime().isEqual(stat.ctime()) && old.inode() == stat.inode()
                && old.deviceId() == stat.device();
    }

    private boolean allPresent(@Nullable List<Id> content) {
        return content != null && content.stream().allMatch(id -> repository.hasBlob(BlobType.DATA, id));
    }

    /**
     * The node for {@code path}. Its extended attributes are the parent snapshot's node's when that node is the same
     * inode with the same ctime (setting an attribute changes the ctime), so an unchanged file is not opened to list
     * them; otherwise, and with {@code --ignore-ctime}, they are read.
     */
    private Node nodeOf(Path path, String name, FileStat stat, @Nullable Node parentNode) {
        NodeType type = stat.type();
        String linkTarget = "";
        if (type == NodeType.SYMLINK) {
            try {
                linkTarget = Files.readSymbolicLink(path).toString();
            } catch (IOException e) {
                counters.errors.add(path + ": " + e.getMessage());
            }
        }
        List<Node.ExtendedAttribute> attributes = List.of();
        if ((type == NodeType.FILE || type == NodeType.DIR) && sameInodeAndCtime(parentNode, stat)) {
            attributes = parentNode.extendedAttributes();
        } else if (type == NodeType.FILE || type == NodeType.DIR) {
            try {
                attributes = ExtendedAttributes.read(path);
            } catch (IOException e) {
                counters.errors.add(path + ": cannot read extended attributes: " + e.getMessage());
            }
        }
        long links = type == NodeType.DIR || type == NodeType.FIFO || type == NodeType.SOCKET ? 0 : stat.links();
        long device = type == NodeType.DEV || type == NodeType.CHARDEV ? stat.rdev() : 0;
        // restic records a node's atime only with --with-atime, its mtime otherwise (a read would change the tree)
        OffsetDateTime atime = flags.contains(BackupOptions.Flag.WITH_ATIME) ? stat.atime() : stat.mtime();
        return new Node(name, type, stat.goMode(), stat.mtime(), atime, stat.ctime(), stat.uid(), stat.gid(),
                userName(path, stat.uid()), groupName(path, stat.gid()), stat.inode(), stat.device(),
                type == NodeType.FILE ? stat.size() : 0, links, linkTarget, attributes, device,
                type == NodeType.FILE ? List.of() : null, null, "");
    }

    private String userName(Path path, long uid) {
        return users.computeIfAbsent(uid, id -> principal(path, "unix:owner", id));
    }

    private String groupName(Path path, long gid) {
        return groups.computeIfAbsent(gid, id -> principal(path, "unix:group", id));
    }

    private static String principal(Path path, String attribute, long id) {
        try {
            Object principal = Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS);
            String name = principal instanceof UserPrincipal p ? p.getName()
                    : principal instanceof GroupPrincipal g ? g.getName() : "";
            return name.equals(Long.toString(id)) ? "" : name;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
