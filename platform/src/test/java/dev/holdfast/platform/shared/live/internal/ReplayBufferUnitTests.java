package dev.holdfast.platform.shared.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.shared.live.Topic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayBufferUnitTests {

    private static LiveEvent event(String kind) {
        return new LiveEvent(Topic.parse("test/room"), kind, Map.of());
    }

    @Test
    void replaysEverythingAfterAKeptEvent() {
        ReplayBuffer buffer = new ReplayBuffer(3);
        buffer.append(event("one"));
        buffer.append(event("two"));
        buffer.append(event("three"));

        assertThat(buffer.after(1).orElseThrow()).extracting(s -> s.event().kind()).containsExactly("two", "three");
        assertThat(buffer.after(3).orElseThrow()).isEmpty();
        assertThat(buffer.after(0).orElseThrow()).hasSize(3);
    }

    @Test
    void refusesToReplayWhenTheMissedEventsAreNoLongerKept() {
        ReplayBuffer buffer = new ReplayBuffer(2);
        buffer.append(event("one"));
        buffer.append(event("two"));
        buffer.append(event("three"));

        assertThat(buffer.after(0)).as("event 1 was forgotten").isEmpty();
        assertThat(buffer.after(1).orElseThrow()).extracting(s -> s.event().kind()).containsExactly("two", "three");
        assertThat(buffer.after(4)).as("a number never handed out").isEmpty();
        assertThat(buffer.after(-1)).isEmpty();
    }

    @Test
    void withoutCapacityOnlyAnUpToDateClientResumes() {
        ReplayBuffer buffer = new ReplayBuffer(0);
        buffer.append(event("one"));

        assertThat(buffer.last()).isEqualTo(1);
        assertThat(buffer.after(1).orElseThrow()).isEmpty();
        assertThat(buffer.after(0)).isEmpty();
    }
}
