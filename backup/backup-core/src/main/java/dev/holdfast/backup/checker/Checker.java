package dev.holdfast.backup.checker;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.ArrayList;
import java.util.Collections;
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

    private final Repository repository;

    public Checker(Repository repository) {
        this.repository = repository;
    }

    public CheckResult check(CheckOptions options) {
        try (RepositoryLock lock = repository.lock(true)) {
            List<String> errors = new ArrayList<>();
            List<String> hints = new ArrayList<>();
            Map<Id, List<PackedBlob>> indexed = repository.indexedPacks();
            boolean repairIndex = checkPacks(indexed, errors, hints);
            checkSnapshots(errors);
            Set<Id> broken = java.util.concurrent.ConcurrentHashMap.newKeySet();
            int read = options.readData() ? readData(indexed, options.subset(), errors, broken) : 0;
            boolean prune = hints.stream().anyMatch(hint -> hint.endsWith(NOT_REFERENCED));
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
            // one pack per worker in memory; each worker decodes with its own reused buffers
            workers.add(Thread.ofPlatform().daemon().name("checker-" + t).start(() -> {
                try (Repository.BlobDecoder decoder = repository.blobDecoder()) {
                    for (int i = next.getAndIncrement(); i < selected.size(); i = next.getAndIncrement()) {
                        Id pack = selected.get(i);
                        if (!readPack(pack, indexed.get(pack), decoder, found)) {
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
    private boolean readPack(Id pack, List<PackedBlob> indexedBlobs, Repository.BlobDecoder decoder,
            List<String> found) {
        List<String> errors = new ArrayList<>();
        try {
            verifyPack(pack, indexedBlobs, decoder, errors);
        } catch (RuntimeException e) {
            errors.add("pack " + pack + ": " + e);
        }
        found.addAll(errors);
        return errors.isEmpty();
    }

    private void verifyPack(Id pack, List<PackedBlob> indexedBlobs, Repository.BlobDecoder decoder,
            List<String> errors) {
        byte[] bytes;
        try {
            bytes = repository.loadPack(pack);
        } catch (BackupException e) {
            errors.add("pack " + pack + ": " + e.getMessage());
            return;
        }
        if (!Id.hash(bytes).equals(pack)) {
            errors.add("pack " + pack + ": content does not match its ID; affected blobs: " + ids(indexedBlobs));
        }
        try {
            List<PackedBlob> header = repository.packHeader(pack, bytes);
            if (!new HashSet<>(header).equals(new HashSet<>(indexedBlobs))) {
                errors.add("pack " + pack + ": header does not match the index");
            }
        } catch (BackupException e) {
            errors.add("pack " + pack + ": header: " + e.getMessage());
        }
        for (PackedBlob blob : indexedBlobs) {
            try {
                decoder.decode(blob, bytes, Math.toIntExact(blob.offset()));
            } catch (BackupException | ArithmeticException | IndexOutOfBoundsException e) {
                errors.add("pack " + pack + ": " + blob.type().json() + " blob " + blob.id() + ": " + e.getMessage());
            }
        }
    }

    private static String ids(List<PackedBlob> blobs) {
        return String.join(", ", blobs.stream().map(b -> b.id().shortHex()).toList());
    }
}
