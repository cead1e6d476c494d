package dev.holdfast.backup.repository.internal.index;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.PackedBlob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * All blobs of a repository by type and ID, and every pack's blobs as the index files list them. The first copy of a
 * blob found wins lookups; duplicates stay listed under their packs. Thread-safe.
 */
public final class MasterIndex {

    private final Map<Id, PackedBlob> data = new HashMap<>();
    private final Map<Id, PackedBlob> trees = new HashMap<>();
    private final Map<Id, List<PackedBlob>> packs = new HashMap<>();
    private final Set<Id> packsInSeveralIndexes = new LinkedHashSet<>();

    /** Adds all blobs of one pack as one index file lists them. */
    public synchronized void addPack(Id pack, List<PackedBlob> blobs) {
        if (packs.containsKey(pack)) {
            packsInSeveralIndexes.add(pack);
            return;
        }
        packs.put(pack, List.copyOf(blobs));
        for (PackedBlob blob : blobs) {
            map(blob.type()).putIfAbsent(blob.id(), blob);
        }
    }

    private Map<Id, PackedBlob> map(BlobType type) {
        return type == BlobType.DATA ? data : trees;
    }

    public synchronized @Nullable PackedBlob lookup(BlobType type, Id id) {
        return map(type).get(id);
    }

    public synchronized boolean has(BlobType type, Id id) {
        return map(type).containsKey(id);
    }

    /** Every pack listed in an index, with its blobs in pack order. */
    public synchronized Map<Id, List<PackedBlob>> packs() {
        return Collections.unmodifiableMap(new HashMap<>(packs));
    }

    public synchronized Set<Id> packsInSeveralIndexes() {
        return Set.copyOf(packsInSeveralIndexes);
    }

    public synchronized int blobCount() {
        return data.size() + trees.size();
    }

    public synchronized List<PackedBlob> blobs(BlobType type) {
        return new ArrayList<>(map(type).values());
    }
}
