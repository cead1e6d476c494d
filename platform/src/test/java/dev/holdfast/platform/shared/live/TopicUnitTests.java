package dev.holdfast.platform.shared.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicUnitTests {

    @Test
    void readsAndWritesFamilyAndPath() {
        UUID id = UUID.randomUUID();
        Topic topic = Topic.parse("record/Account/" + id);

        assertThat(topic.family()).isEqualTo("record");
        assertThat(topic.path()).containsExactly("Account", id.toString());
        assertThat(topic).isEqualTo(Topic.of("record", "Account", id));
        assertThat(topic.name()).isEqualTo("record/Account/" + id);
        assertThat(Topic.parse("announcements").path()).isEmpty();
    }

    @Test
    void rejectsNamesOutsideTheAllowedShape() {
        for (String bad : new String[] {"", "Record/1", "record//1", "record/1/", "../etc", "record/a b", "record/<script>",
                "record/" + "x".repeat(200)}) {
            assertThatThrownBy(() -> Topic.parse(bad)).as(bad).isInstanceOf(InvalidTopicException.class)
                    .hasMessageStartingWith("not a valid live topic");
        }
    }
}
