package dev.holdfast.backup.checker;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a repository as {@code restic check} does: every indexed pack exists with the size its index entries
 * imply, every snapshot's trees load and reference only indexed blobs, and with {@code readData} every pack hashes to
 * its name, its header matches the index and every blob decrypts to its ID (one pack per core at a time). Holds an
 * exclusive lock while it runs.
 */
public final class Checker {

    /** Bytes of whole blobs read at a time by {@code check --read-data}. */
    private static final int WINDOW = 4 << 20;

    private final Repository repository;

    public Checker(Repository repository) {
        this.repository = repository;
    }

    public CheckResult check(CheckOptions options) {
        try (RepositoryLock lock = repository.beginReadLock(true)) {
            repository.reloadIndexIfChanged(); // a backup may have finished since the repository was opened
            List<String> errors = new ArrayList<>();
            List<String> hints = new ArrayList<>();
            Map<Id, List<PackedBlob>> indexed = repository.indexedPacks();
            boolean repairIndex = checkPacks(indexed, errors, hints);
            checkSnapshots(errors);
            Set<Id> broken = java.util.concurrent.ConcurrentHashMap.newKeySet();
            int read = options.readData() ? readData(indexed, options.subset(), errors, broken) : 0;
            boolean prune = hints.stream().anyMatch(hint -> hint.endsWith(NOT_REFERENCED));
            lock.confirm(); // the checks ran during the lock's second check; a conflict found there voids them
            return new CheckResult(errors, hints, read, broken.stream().sorted().toList(), repairIndex, prune);
        }
    }

    private static final String NOT_REFERENCED = " is not referenced in any index";

    /** Returns whether the index disagrees with the packs present. */
    private boolean checkPacks(Map<Id, List<PackedBlob>> indexed, List<String> errors, List<String> hints) {
        int before = errors.size();
        Map<Id, Long> onDisk = new HashMap<>();
        for (FileInfo info : repository.listPacks()) {
            onDisk.put(Id.parse(info.name()), info.size());
        }
        indexed.forEach((pack, blobs) -> {
            Long size = onDisk.get(pack);
            long expected = Repository.expectedPackSize(blobs);
            if (size == null) {
                errors.add("pack " + pack + " is in the index but does not exist");
            } else if (size != expected) {
                errors.add("pack " + pack + ": unexpected file size: got " + size + ", expected " + expected);
            }
            if (blobs.stream().map(PackedBlob::type).distinct().count() > 1) {
                hints.add("pack " + pack + " contains both data and tree blobs");
            }
        });
        onDisk.keySet().stream().filter(pack -> !indexed.containsKey(pack)).sorted()
                .forEach(pack -> hints.add("pack " + pack + NOT_REFERENCED));
        repository.packsInSeveralIndexes().forEach(pack -> hints.add("pack " + pack + " is in several indexes"));
        return errors.size() > before;
    }

    private void checkSnapshots(List<String> errors) {
        Set<Id> seenTrees = new HashSet<>();
        List<Snapshot> snapshots;
        try {
            snapshots = repository.snapshots();
        } catch (BackupException e) {
            errors.add("cannot load snapshots: " + e.getMessage());
            return;
        }
        for (Snapshot snapshot : snapshots) {
            checkTree(snapshot.tree(), "snapshot " + snapshot.requireId().shortHex(), seenTrees, errors);
        }
    }

    private void checkTree(Id id, String where, Set<Id> seen, List<String> errors) {
        if (!seen.add(id)) {
            return;
        }
        Tree tree;
        try {
            tree = repository.loadTree(id);
        } catch (BackupException e) {
            errors.add(where + ": tree " + id + ": " + e.getMessage());
            return;
        }
        for (Node node : tree.nodes()) {
            String path = where + "/" + node.name();
            if (node.type() == NodeType.FILE) {
                if (node.content() == null) {
                    errors.add(path + ": file has nil blob list");
                } else {
                    node.content().stream().filter(blob -> repository.lookup(BlobType.DATA, blob) == null)
                            .forEach(blob -> errors.add(path + ": data blob " + blob + " not in the index"));
                }
            } else if (node.type() == NodeType.DIR) {
                if (node.subtree() == null) {
                    errors.add(path + ": dir node has no subtree");
                } else {
                    checkTree(node.subtree(), path, seen, errors);
                }
            }
        }
    }

    private int readData(Map<Id, List<PackedBlob>> indexed, CheckOptions.@Nullable Subset requested,
            List<String> errors, Set<Id> broken) {
        List<Id> packs = new ArrayList<>(indexed.keySet());
        Collections.sort(packs);
        CheckOptions.Subset subset = requested instanceof CheckOptions.Subset.Size size
                ? size.asPercentage(indexed.values().stream().mapToLong(Repository::expectedPackSize).sum())
                : requested;
        if (subset instanceof CheckOptions.Subset.Percentage) {
            Collections.shuffle(packs, new Random());
        }
        List<Id> selected = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            if (subset == null || subset.selects(packs.get(i), i, packs.size())) {
                selected.add(packs.get(i));
            }
        }
        List<String> found = new java.util.concurrent.CopyOnWriteArrayList<>();
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, selected.size()));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            // each worker reads a pack in windows into its own reused buffer and decodes with its own buffers
            workers.add(Thread.ofPlatform().daemon().name("checker-" + t).start(() -> {
                byte[][] window = {new byte[0]};
                try (Repository.BlobDecoder decoder = repository.blobDecoder()) {
                    for (int i = next.getAndIncrement(); i < selected.size(); i = next.getAndIncrement()) {
                        Id pack = selected.get(i);
                        if (!readPack(pack, indexed.get(pack), decoder, window, found)) {
                            broken.add(pack);
                        }
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackupException("interrupted while reading packs", e);
            }
        }
        found.stream().sorted().forEach(errors::add);
        return selected.size();
    }

    /** Reads and verifies one pack, adding what is wrong to {@code found}; returns whether it is intact. */
    private boolean readPack(Id pack, List<PackedBlob> indexedBlobs, Repository.BlobDecoder decoder, byte[][] window,
            List<String> found) {
        List<String> errors = new ArrayList<>();
        try {
            verifyPack(pack, indexedBlobs, decoder, window, errors);
        } catch (RuntimeException e) {
            errors.add("pack " + pack + ": " + e);
        }
        found.addAll(errors);
        return errors.isEmpty();
    }

    /**
     * Reads a pack from start to end in windows of whole blobs (at most {@link #WINDOW} bytes, or one larger blob),
     * hashing each window in turn and decoding its blobs; the window after the last indexed blob holds the header. A
     * whole pack in a fresh array per pack (16 MiB and more) kept the serial collector busy: 101 collections in a
     * 2 GiB check, and a kept array of pack size per worker did not fit the CLI's heap.
     */
    private void verifyPack(Id pack, List<PackedBlob> indexedBlobs, Repository.BlobDecoder decoder,
            byte[][] window, List<String> errors) {
        Handle handle = new Handle(FileType.DATA, pack.hex());
        List<PackedBlob> blobs = new ArrayList<>(indexedBlobs);
        blobs.sort(Comparator.comparingLong(PackedBlob::offset));
        List<String> blobErrors = new ArrayList<>();
        MessageDigest sha = Id.sha256();
        int last = 0;
        long size;
        try {
            size = repository.backend().size(handle);
            long position = 0;
            int next = 0;
            while (position < size) {
                List<PackedBlob> inWindow = new ArrayList<>();
                long end = size; // after the last indexed blob: the rest, with the header
                if (next < blobs.size()) {
                    end = position;
                    while (next < blobs.size()
                            && (inWindow.isEmpty() || blobs.get(next).offset() + blobs.get(next).length()
                                    <= position + WINDOW)) {
                        PackedBlob blob = blobs.get(next++);
                        inWindow.add(blob);
                        end = Math.max(end, blob.offset() + blob.length());
                    }
                    end = Math.min(size, Math.max(end, position + 1));
                }
                int length = Math.toIntExact(end - position);
                if (window[0].length < length) {
                    window[0] = new byte[length];
                }
                repository.backend().load(handle, position, length, window[0]);
                sha.update(window[0], 0, length);
                for (PackedBlob blob : inWindow) {
                    try {
                        decoder.decode(blob, window[0], Math.toIntExact(blob.offset() - position), length);
                    } catch (BackupException | ArithmeticException | IndexOutOfBoundsException e) {
                        blobErrors.add("pack " + pack + ": " + blob.type().json() + " blob " + blob.id() + ": "
                                + e.getMessage());
                    }
                }
                position = end;
                last = length;
            }
        } catch (BackupException | ArithmeticException e) {
            errors.add("pack " + pack + ": " + e.getMessage());
            return;
        }
        if (!Id.of(sha.digest()).equals(pack)) {
            errors.add("pack " + pack + ": content does not match its ID; affected blobs: " + ids(indexedBlobs));
        }
        try {
            List<PackedBlob> header = repository.packHeader(pack, window[0], last, size);
            if (!new HashSet<>(header).equals(new HashSet<>(indexedBlobs))) {
                errors.add("pack " + pack + ": header does not match the index");
            }
        } catch (BackupException | IllegalArgumentException e) {
            errors.add("pack " + pack + ": header: " + e.getMessage());
        }
        errors.addAll(blobErrors);
    }

    private static String ids(List<PackedBlob> blobs) {
        return String.join(", ", blobs.stream().map(b -> b.id().shortHex()).toList());
    }
}
