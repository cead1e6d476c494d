package dev.holdfast.backup.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Node;
import dev.holdfast.backup.NodeType;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.repository.Repository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prune's own safety rules, beyond what the interop tests show with restic. */
class PrunerIntegrationTests {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path temp;

    @Test
    void deletesNothingWhenASnapshotUsesABlobTheIndexDoesNotHave() {
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO), null)) {
            Id kept = repository.saveBlob(BlobType.DATA, bytes("kept"));
            repository.flush();
            repository.saveBlob(BlobType.DATA, bytes("unused, in a pack of its own"));
            repository.flush();
            Id lost = Id.hash(bytes("never stored"));
            snapshotOf(repository, file("a", kept, lost));
            int packs = repository.listPacks().size();

            assertThatThrownBy(() -> new Pruner(repository).prune(new PruneOptions(0, false)))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("data blob " + lost + " is not in the index");
            assertThat(repository.listPacks()).hasSize(packs);
        }
    }

    @Test
    void keepsOneCopyOfABlobStoredTwiceAndDropsTheUnusedPack() {
        try (Repository repository = Repository.init(new LocalBackend(temp.resolve("repo")), "secret",
                Fixtures.options(Compression.AUTO), null)) {
            Id twice = Id.hash(bytes("stored twice"));
            repository.saveBlob(BlobType.DATA, twice, bytes("stored twice"));
            repository.flush();
            repository.repackBlob(BlobType.DATA, twice, bytes("stored twice")); // a second copy, in another pack
            repository.flush();
            repository.saveBlob(BlobType.DATA, bytes("unused"));
            repository.flush();
            snapshotOf(repository, file("a", twice));

            PruneSummary summary = new Pruner(repository).prune(new PruneOptions(0, false));

            assertThat(summary.packsDeleted()).as("one copy's pack and the unused blob's").isEqualTo(2);
            // left: the pack of the copy kept (of the two, the pack first by ID) and the tree's
            assertThat(repository.listPacks()).hasSize(2);
            assertThat(repository.loadBlob(BlobType.DATA, twice)).isEqualTo(bytes("stored twice"));
        }
    }

    /**
     * The CLI asks the index files' size before the index is loaded (to size its heap); prune then loads the index
     * itself, rewrites it and loads the new one, which must not be read from that first, now stale listing.
     */
    @Test
    void prunesWhenTheIndexFilesWereListedBeforeTheIndexWasLoaded() {
        Path location = temp.resolve("repo");
        Id kept;
        try (Repository repository = Repository.init(new LocalBackend(location), "secret",
                Fixtures.options(Compression.AUTO), null)) {
            kept = repository.saveBlob(BlobType.DATA, bytes("kept"));
            repository.saveBlob(BlobType.DATA, bytes("unused"));
            repository.flush();
            snapshotOf(repository, file("a", kept));
        }
        try (Repository repository = Repository.open(new LocalBackend(location), "secret",
                Fixtures.options(Compression.AUTO))) {
            assertThat(repository.indexFileBytes()).isPositive();

            PruneSummary summary = new Pruner(repository).prune(new PruneOptions(0, false));

            assertThat(summary.packsRepacked()).isEqualTo(1);
            assertThat(repository.loadBlob(BlobType.DATA, kept)).isEqualTo(bytes("kept"));
        }
    }

    private static void snapshotOf(Repository repository, Node... nodes) {
        Id tree = repository.saveTree(Tree.sorted(List.of(nodes)));
        repository.flush();
        repository.saveSnapshot(new Snapshot(null, TIME, null, tree, List.of("/data"), "host", "me", 0, 0, List.of(),
                List.of(), null));
    }

    private static Node file(String name, Id... content) {
        return new Node(name, NodeType.FILE, 0644, TIME, TIME, TIME, 0, 0, "", "", 1, 1, 0, 1, "", List.of(), 0,
                List.of(content), null, "");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
