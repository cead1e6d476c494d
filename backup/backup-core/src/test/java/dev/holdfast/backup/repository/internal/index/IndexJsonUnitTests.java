package dev.holdfast.backup.repository.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.repository.PackedBlob;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexJsonUnitTests {

    private static final Id PACK = Id.hash(new byte[] {1});
    private static final Id OTHER_PACK = Id.hash(new byte[] {2});
    private static final Id DATA = Id.hash(new byte[] {3});
    private static final Id TREE = Id.hash(new byte[] {4});
    private static final Id OLD_INDEX = Id.hash(new byte[] {5});

    /** An index file read whole: the files it supersedes and its packs in order. */
    private record IndexFile(List<Id> supersedes, Map<Id, List<PackedBlob>> packs) {}

    private static IndexFile decode(byte[] json) {
        Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();
        List<Id> supersedes = IndexJson.read(Json.parser(json), packs::put);
        return new IndexFile(supersedes, packs);
    }

    private static IndexFile decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnIndexAsResticWritesIt() {
        IndexFile file = decode("""
                {"supersedes":["%s"],"packs":[{"id":"%s","blobs":[
                  {"id":"%s","type":"data","offset":0,"length":1262,"uncompressed_length":4096},
                  {"id":"%s","type":"tree","offset":1262,"length":300}]}]}
                """.formatted(OLD_INDEX.hex(), PACK.hex(), DATA.hex(), TREE.hex()));

        assertThat(file.supersedes()).containsExactly(OLD_INDEX);
        assertThat(file.packs()).containsOnlyKeys(PACK);
        assertThat(file.packs().get(PACK)).containsExactly(
                new PackedBlob(BlobType.DATA, DATA, PACK, 0, 1262, 4096),
                new PackedBlob(BlobType.TREE, TREE, PACK, 1262, 300, 0));
    }

    @Test
    void readsBackWhatItWroteInPackOrder() {
        Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();
        packs.put(OTHER_PACK, List.of(new PackedBlob(BlobType.DATA, DATA, OTHER_PACK, 0, 4_000_000, 8_388_608)));
        packs.put(PACK, List.of(new PackedBlob(BlobType.TREE, TREE, PACK, 0, 77, 0),
                new PackedBlob(BlobType.DATA, DATA, PACK, 77, 12, 0)));

        IndexFile file = decode(IndexJson.encode(List.of(OLD_INDEX), packs));

        assertThat(file.supersedes()).containsExactly(OLD_INDEX);
        assertThat(file.packs()).containsExactlyEntriesOf(packs);
    }

    @Test
    void readsTheOldFormatNullsAndUnknownFieldsAsGoDoes() {
        IndexFile old = decode("""
                [{"blobs":[{"type":"data","id":"%s","length":9,"offset":3,"future":{"x":[1,2]}}],"id":"%s"}]
                """.formatted(DATA.hex(), PACK.hex()));
        IndexFile nulls = decode("""
                {"supersedes":null,"extra":[{"a":1}],"packs":[{"id":"%s","blobs":null}]}
                """.formatted(PACK.hex()));

        assertThat(old.supersedes()).isEmpty();
        assertThat(old.packs().get(PACK)).containsExactly(new PackedBlob(BlobType.DATA, DATA, PACK, 3, 9, 0));
        assertThat(nulls.supersedes()).isEmpty();
        assertThat(nulls.packs().get(PACK)).isEmpty();
    }

    @Test
    void rejectsDamagedIndexesWithAnIntegrityError() {
        assertThatThrownBy(() -> decode("{\"packs\":[{\"blobs\":[]}]}"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("pack without ID");
        assertThatThrownBy(() -> decode("{\"packs\":[{\"id\":\"%s\",\"blobs\":[{\"type\":\"data\"}]}]}"
                .formatted(PACK.hex())))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("blob without ID");
        assertThatThrownBy(() -> decode("{\"packs\":[{\"id\":\"abc\"}]}"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("not an ID");
        assertThatThrownBy(() -> decode(("{\"packs\":[{\"id\":\"%s\",\"blobs\":[{\"id\":\"%s\",\"type\":\"data\","
                + "\"length\":{}}]}]}").formatted(PACK.hex(), DATA.hex())))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("length is not a number");
        assertThatThrownBy(() -> decode("{\"packs\":[{\"id\":"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> decode("\"packs\""))
                .isInstanceOf(IntegrityException.class);
    }
}
