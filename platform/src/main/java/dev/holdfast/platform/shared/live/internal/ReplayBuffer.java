package dev.holdfast.platform.shared.live.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The last few events this node delivered, numbered 1, 2, 3, ... so that a browser that reconnects can be given
 * what it missed. Not thread-safe: used by the dispatcher thread only.
 */
final class ReplayBuffer {

    private final int capacity;
    private final ArrayDeque<Sequenced> events;
    private long last;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Numbers the event and keeps it, forgetting the oldest one when full. */
    Sequenced append(LiveEvent event) {
        Sequenced sequenced = new Sequenced(++last, event);
        if (capacity > 0) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(sequenced);
        }
        return sequenced;
    }

    /** The number of the last event appended; 0 before the first. */
    long last() {
        return last;
    }

    /**
     * The events after {@code seq}, oldest first; empty if some of them are no longer kept (or {@code seq} was
     * never handed out), so a complete replay is impossible.
     */
    Optional<List<Sequenced>> after(long seq) {
        if (seq < 0 || seq > last) {
            return Optional.empty();
        }
        long oldestKept = events.isEmpty() ? last + 1 : events.getFirst().seq();
        if (seq + 1 < oldestKept) {
            return Optional.empty();
        }
        return Optional.of(events.stream().filter(event -> event.seq() > seq).toList());
    }
}
