package dev.holdfast.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeJsonUnitTests {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2014-12-22T14:47:59.9124187+01:00");

    static Node file(String name, List<Id> content) {
        return new Node(name, NodeType.FILE, 0644, TIME, TIME, TIME, 1000, 1000, "u", "g", 42, 65024, 7, 1, "",
                List.of(), 0, content, null, "");
    }

    @Test
    void encodesAnEmptyTreeAsResticDoes() {
        byte[] json = TreeJson.encode(new Tree(List.of()));

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"nodes\":[]}\n");
        assertThat(Id.hash(json).hex()).isEqualTo("ac08ce34ba4f8123618661bef2425f7028ffb9ac740578a3ee88684d2523fee8");
    }

    @Test
    void writesFieldsInGoOrderWithQuotedNamesAndEmptyContent() {
        String json = new String(TreeJson.encode(new Tree(List.of(file("a\\b<", List.of())))), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"nodes\":[{\"name\":\"a\\\\\\\\b\\u003c\",\"type\":\"file\",\"mode\":420,"
                + "\"mtime\":\"2014-12-22T14:47:59.9124187+01:00\",\"atime\":\"2014-12-22T14:47:59.9124187+01:00\","
                + "\"ctime\":\"2014-12-22T14:47:59.9124187+01:00\",\"uid\":1000,\"gid\":1000,\"user\":\"u\","
                + "\"group\":\"g\",\"inode\":42,\"device_id\":65024,\"size\":7,\"links\":1,\"content\":[]}]}\n");
    }

    @Test
    void readsBackWhatItWrote() {
        Tree tree = Tree.sorted(List.of(file("z", List.of(Id.hash(new byte[1]))), file("a\\b", List.of())));

        assertThat(TreeJson.decode(TreeJson.encode(tree))).isEqualTo(tree);
    }

    @Test
    void sortsNamesByUtf8BytesNotUtf16() {
        // UTF-16 puts U+1F600 (D83D DE00) before U+FF5E; UTF-8 (F0.. vs EF..) and Go put it after.
        Tree tree = Tree.sorted(List.of(file("\uD83D\uDE00", List.of()), file("\uFF5E", List.of())));

        assertThat(tree.nodes()).extracting(Node::name).containsExactly("\uFF5E", "\uD83D\uDE00");
        assertThat(tree.find("\uD83D\uDE00")).isPresent();
    }

    @Test
    void rejectsUnsortedTrees() {
        assertThatThrownBy(() -> new Tree(List.of(file("b", List.of()), file("a", List.of()))))
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void readsNodesWithUnknownNullAndOutOfOrderFieldsAsGoDoes() {
        Id blob = Id.hash(new byte[1]);
        String json = """
                {"nodes":[{"name":"d","type":"dir","subtree":"%s","content":null},{"content":["%s"],
                "future":{"nested":[1,{"x":null}]},"type":"file","name":"f","mode":null,"size":7,"mtime":null,
                "user":null,"device_id":18446744073709551615,"extended_attributes":[{"name":"user.k","value":"dmFs"}]}],
                "later":"ignored"}
                """.formatted(blob.hex(), blob.hex());

        Tree tree = TreeJson.decode(json.getBytes(StandardCharsets.UTF_8));

        Node file = tree.find("f").orElseThrow();
        assertThat(file.content()).containsExactly(blob);
        assertThat(file.mode()).isZero();
        assertThat(file.size()).isEqualTo(7);
        assertThat(file.mtime()).isEqualTo(GoTime.ZERO);
        assertThat(file.user()).isEmpty();
        assertThat(file.deviceId()).isEqualTo(-1L); // Go's uint64 max, kept as its two's complement
        assertThat(file.extendedAttributes()).singleElement().satisfies(
                attribute -> assertThat(attribute.value()).isEqualTo("val".getBytes(StandardCharsets.UTF_8)));
        Node dir = tree.find("d").orElseThrow();
        assertThat(dir.content()).isNull();
        assertThat(dir.subtree()).isEqualTo(blob);
    }

    @Test
    void rejectsDamagedTreesWithAnIntegrityError() {
        assertThatThrownBy(() -> TreeJson.decode("{\"nodes\":[{\"type\":\"file\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("name is missing");
        assertThatThrownBy(() -> TreeJson.decode("{\"nodes\":[{\"name\":\"f\",\"type\":\"file\",\"content\":[\"xy\"]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("not an ID");
        assertThatThrownBy(() -> TreeJson.decode("{\"nodes\":[{\"name\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> TreeJson.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IntegrityException.class);
    }
}
