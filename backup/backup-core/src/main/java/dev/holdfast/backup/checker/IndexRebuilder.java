package dev.holdfast.backup.checker;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.repository.PackedBlob;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * restic's {@code rebuild-index}: new index files listing exactly the packs in {@code data/}, under an exclusive
 * lock. A pack the old index lists with the right size keeps its entries; any other pack's header is read (all of
 * them with {@code readAllPacks}); packs whose header is damaged are left out, and packs the old index lists but
 * {@code data/} lacks are dropped. The old index files are removed once the new ones are saved.
 */
public final class IndexRebuilder {

    /** What a rebuild did. */
    public record Result(int packs, int headersRead, List<String> damagedPacks, int packsDropped) {}

    private final Repository repository;

    public IndexRebuilder(Repository repository) {
        this.repository = repository;
    }

    public Result rebuild(boolean readAllPacks) {
        try (RepositoryLock lock = repository.lock(true)) {
            Map<Id, List<PackedBlob>> indexed = readAllPacks ? Map.of() : indexedPacksOrNone();
            Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();
            List<String> damaged = new ArrayList<>();
            int read = 0;
            for (FileInfo file : repository.listPacks()) {
                Id pack = Id.parse(file.name());
                List<PackedBlob> known = indexed.get(pack);
                if (known != null && Repository.expectedPackSize(known) == file.size()) {
                    packs.put(pack, known);
                    continue;
                }
                try {
                    packs.put(pack, repository.readPackHeader(pack, file.size()));
                    read++;
                } catch (IntegrityException | BackendException e) {
                    damaged.add(pack.hex() + ": " + e.getMessage());
                }
            }
            int dropped = (int) indexed.keySet().stream().filter(pack -> !packs.containsKey(pack)).count();
            lock.confirm();
            repository.replaceIndex(packs);
            return new Result(packs.size(), read, damaged, dropped);
        }
    }

    /** The packs the current index lists; none when an index file cannot be read (all headers are read then). */
    private Map<Id, List<PackedBlob>> indexedPacksOrNone() {
        try {
            return repository.indexedPacks();
        } catch (IntegrityException | BackendException e) {
            return Map.of();
        }
    }
}
