package dev.holdfast.backup.repository.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.PackedBlob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MasterIndexUnitTests {

    private static Id id(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Id.of(bytes);
    }

    @Test
    void findsEveryBlobOfManyPacksAndKeepsEachPacksOrder() {
        Random random = new Random(7);
        MasterIndex index = new MasterIndex();
        Map<Id, List<PackedBlob>> added = new HashMap<>();
        for (int p = 0; p < 700; p++) { // enough to grow the entry arrays and the table many times
            Id pack = id(random);
            List<PackedBlob> blobs = new ArrayList<>();
            for (int i = 0; i < 1 + p % 40; i++) {
                BlobType type = i % 5 == 0 ? BlobType.TREE : BlobType.DATA;
                blobs.add(new PackedBlob(type, id(random), pack, 100L * i + (1L << 33), 100 + i, i % 3 == 0 ? 0 : 900));
            }
            index.addPack(pack, blobs);
            added.put(pack, blobs);
        }

        assertThat(index.packs()).isEqualTo(added);
        int count = 0;
        for (List<PackedBlob> blobs : added.values()) {
            for (PackedBlob blob : blobs) {
                assertThat(index.lookup(blob.type(), blob.id())).isEqualTo(blob);
                assertThat(index.has(blob.type(), blob.id())).isTrue();
                BlobType other = blob.type() == BlobType.DATA ? BlobType.TREE : BlobType.DATA;
                assertThat(index.has(other, blob.id())).isFalse();
                count++;
            }
        }
        assertThat(index.blobCount()).isEqualTo(count);
        assertThat(index.blobs(BlobType.TREE)).hasSize((int) added.values().stream().flatMap(List::stream)
                .filter(blob -> blob.type() == BlobType.TREE).count());
        assertThat(index.lookup(BlobType.DATA, id(random))).isNull();
        assertThat(index.containsPack(added.keySet().iterator().next())).isTrue();
        assertThat(index.containsPack(id(random))).isFalse();
    }

    @Test
    void theFirstCopyOfABlobWinsAndDuplicatesStayListedUnderTheirPacks() {
        Random random = new Random(11);
        Id blob = id(random);
        Id first = id(random);
        Id second = id(random);
        PackedBlob inFirst = new PackedBlob(BlobType.DATA, blob, first, 0, 10, 0);
        PackedBlob inSecond = new PackedBlob(BlobType.DATA, blob, second, 50, 10, 0);
        MasterIndex index = new MasterIndex();

        index.addPack(first, List.of(inFirst));
        index.addPack(second, List.of(inSecond));
        index.addPack(first, List.of(inFirst)); // the same pack in another index file

        assertThat(index.lookup(BlobType.DATA, blob)).isEqualTo(inFirst);
        assertThat(index.blobCount()).isEqualTo(1);
        assertThat(index.blobs(BlobType.DATA)).containsExactly(inFirst);
        assertThat(index.packs()).containsOnlyKeys(first, second);
        assertThat(index.packs().get(second)).containsExactly(inSecond);
        assertThat(index.packsInSeveralIndexes()).containsExactly(first);
    }

    @Test
    void packsIsAViewOfThePacksIndexedWhenItWasTaken() {
        Random random = new Random(13);
        Id first = id(random);
        Id later = id(random);
        PackedBlob blob = new PackedBlob(BlobType.TREE, id(random), first, 0, 10, 0);
        MasterIndex index = new MasterIndex();
        index.addPack(first, List.of(blob));

        Map<Id, List<PackedBlob>> before = index.packs();
        index.addPack(later, List.of(new PackedBlob(BlobType.DATA, id(random), later, 0, 10, 0)));

        assertThat(before).containsOnlyKeys(first).containsEntry(first, List.of(blob));
        assertThat(before.get(later)).isNull();
        assertThat(index.packs()).containsOnlyKeys(first, later);
    }
}
