package dev.holdfast.backup.pruner;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * restic's prune: finds the blobs that snapshots use, deletes packs without used blobs and packs in no index,
 * repacks partly used packs (most unused first) until unused space is within {@code --max-unused}, then writes a new
 * index and deletes the old packs. Order keeps the repository valid at every step. Holds an exclusive lock.
 */
public final class Pruner {

    private final Repository repository;

    public Pruner(Repository repository) {
        this.repository = repository;
    }

    /** One pack as prune sees it; {@code type} is null for a pack holding both kinds of blob. */
    private record PackPlan(Id pack, List<PackedBlob> used, long usedBytes, long unusedBytes, @Nullable BlobType type,
            boolean uncompressed) {

        long size() {
            return usedBytes + unusedBytes;
        }
    }

    public PruneSummary prune(PruneOptions options) {
        try (RepositoryLock lock = repository.beginLock(true)) {
            repository.reloadIndexIfChanged(); // a backup may have finished since the repository was opened
            BitSet used = usedBlobs(); // while the lock's second check runs: reading only
            lock.confirm();
            return run(options, used);
        }
    }

    /** restic 0.14's plan: remove unused packs, then repack candidates in its order within its limits. */
    private PruneSummary run(PruneOptions options, BitSet used) {
        BitSet assigned = new BitSet(repository.indexEntryCount()); // used blobs given to the first pack that has them
        long target = options.repackSmall() ? repository.options().packSize() / 5 * 4
                : repository.options().packSize() / 25;
        boolean v2 = repository.config().version() >= 2;
        List<PackPlan> remove = new ArrayList<>();
        List<PackPlan> candidates = new ArrayList<>();
        List<PackPlan> small = new ArrayList<>();
        int kept = 0;
        long usedTotal = 0;
        long unusedTotal = 0;
        for (Map.Entry<Id, List<PackedBlob>> entry : sortedPacks()) {
            PackPlan plan = plan(entry.getKey(), entry.getValue(), used, assigned);
            usedTotal += plan.usedBytes();
            unusedTotal += plan.unusedBytes();
            boolean mustCompress = v2 && plan.uncompressed()
                    && (plan.type() == BlobType.TREE || options.repackUncompressed());
            if (plan.used().isEmpty()) {
                remove.add(plan);
            } else if (options.repackCacheableOnly() && plan.type() == BlobType.DATA) {
                kept++;
            } else if (plan.unusedBytes() == 0 && plan.type() != null && !mustCompress) {
                if (plan.size() >= target) {
                    kept++;
                } else {
                    small.add(plan);
                }
            } else {
                candidates.add(plan);
            }
        }
        if (small.size() < 10) {
            kept += small.size(); // too few to be worth it; also stops endless repacking of one small pack
        } else {
            candidates.addAll(small);
        }
        candidates.sort(repackOrder(target));
        long maxUnused = options.maxUnusedBytes(usedTotal);
        long unusedAfter = unusedTotal - remove.stream().mapToLong(PackPlan::unusedBytes).sum();
        long repackBytes = 0;
        List<PackPlan> repack = new ArrayList<>();
        for (PackPlan plan : candidates) {
            boolean reachedRepackSize = repackBytes + plan.size() >= options.maxRepackBytes();
            boolean mustCompress = v2 && plan.uncompressed()
                    && (plan.type() == BlobType.TREE || options.repackUncompressed());
            if (reachedRepackSize
                    || plan.type() == BlobType.DATA && !mustCompress && unusedAfter < maxUnused
                    && plan.size() >= target) {
                kept++;
                continue;
            }
            repack.add(plan);
            repackBytes += plan.size();
            unusedAfter -= plan.unusedBytes();
        }
        List<Id> unindexed = unindexedPacks();
        long freed = remove.stream().mapToLong(PackPlan::size).sum()
                + repack.stream().mapToLong(PackPlan::unusedBytes).sum();
        long repackedBlobs = repack.stream().mapToLong(p -> p.used().size()).sum();
        if (!options.dryRun()) {
            execute(remove, repack, unindexed, options.freeSpaceFirst());
        }
        return new PruneSummary(remove.size() + unindexed.size(), repack.size(), kept, repackedBlobs, usedTotal,
                unusedTotal, unusedAfter, freed);
    }

    /** Tree and mixed packs first, then packs below the target size, then the highest share of unused bytes. */
    private static Comparator<PackPlan> repackOrder(long target) {
        return Comparator.comparing((PackPlan p) -> p.type() == BlobType.DATA)
                .thenComparing(p -> p.size() >= target)
                .thenComparing((a, b) -> Long.compare(b.unusedBytes() * a.usedBytes(), a.unusedBytes() * b.usedBytes()));
    }

    private List<Map.Entry<Id, List<PackedBlob>>> sortedPacks() {
        List<Map.Entry<Id, List<PackedBlob>>> packs = new ArrayList<>(repository.indexedPacks().entrySet());
        packs.sort(Map.Entry.comparingByKey());
        return packs;
    }

    private PackPlan plan(Id pack, List<PackedBlob> blobs, BitSet used, BitSet assigned) {
        List<PackedBlob> usedHere = new ArrayList<>();
        long usedBytes = Repository.expectedPackSize(blobs) - blobs.stream().mapToLong(b -> b.length() + b.headerSize())
                .sum(); // the header's fixed part counts as used, as restic counts it
        long unusedBytes = 0;
        BlobType type = blobs.isEmpty() ? null : blobs.getFirst().type();
        boolean uncompressed = false;
        for (PackedBlob blob : blobs) {
            if (blob.type() != type) {
                type = null;
            }
            uncompressed |= !blob.compressed();
            int entry = repository.indexEntry(blob.type(), blob.id()); // its first copy's, for every copy
            long size = blob.length() + blob.headerSize();
            if (used.get(entry) && !assigned.get(entry)) {
                assigned.set(entry);
                usedHere.add(blob);
                usedBytes += size;
            } else {
                unusedBytes += size;
            }
        }
        return new PackPlan(pack, usedHere, usedBytes, unusedBytes, type, uncompressed);
    }

    /**
     * The blobs the snapshots use, marked by index entry: a bit each instead of a set of keys (about 130 bytes per
     * blob, which a repository of a million blobs did not have room for twice in the CLI's heap). A used blob that is
     * not in the index stops prune before anything is deleted.
     */
    private BitSet usedBlobs() {
        BitSet used = new BitSet(repository.indexEntryCount());
        for (Snapshot snapshot : repository.snapshots()) {
            addTree(snapshot.tree(), used);
        }
        return used;
    }

    private void addTree(Id id, BitSet used) {
        if (!mark(BlobType.TREE, id, used)) {
            return;
        }
        Tree tree = repository.loadTree(id);
        for (Node node : tree.nodes()) {
            if (node.content() != null) {
                node.content().forEach(blob -> mark(BlobType.DATA, blob, used));
            }
            if (node.subtree() != null) {
                addTree(node.subtree(), used);
            }
        }
    }

    /** Marks a used blob; false if it was marked already. */
    private boolean mark(BlobType type, Id id, BitSet used) {
        int entry = repository.indexEntry(type, id);
        if (entry < 0) {
            throw new IntegrityException("used " + type.json() + " blob " + id
                    + " is not in the index; run check and repair the index first");
        }
        if (used.get(entry)) {
            return false;
        }
        used.set(entry);
        return true;
    }

    private List<Id> unindexedPacks() {
        Set<Id> indexed = repository.indexedPacks().keySet();
        return repository.listPacks().stream().map(FileInfo::name).map(Id::parse)
                .filter(pack -> !indexed.contains(pack)).toList();
    }

    private void execute(List<PackPlan> remove, List<PackPlan> repack, List<Id> unindexed, boolean freeSpaceFirst) {
        unindexed.forEach(repository::removePack);
        for (PackPlan plan : repack) {
            byte[] pack = repository.loadPack(plan.pack());
            for (PackedBlob blob : plan.used()) {
                int offset = Math.toIntExact(blob.offset());
                byte[] plain = repository.decodeBlob(blob,
                        java.util.Arrays.copyOfRange(pack, offset, offset + blob.length()));
                repository.repackBlob(blob.type(), blob.id(), plain);
            }
        }
        repository.flush();
        Set<Id> dropped = new HashSet<>();
        remove.forEach(plan -> dropped.add(plan.pack()));
        repack.forEach(plan -> dropped.add(plan.pack()));
        if (freeSpaceFirst) {
            repository.rewriteIndexFreeingSpaceFirst(dropped);
        } else {
            repository.rewriteIndex(dropped);
            dropped.forEach(repository::removePack);
        }
    }
}
