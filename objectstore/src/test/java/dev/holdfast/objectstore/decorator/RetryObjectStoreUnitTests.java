package dev.holdfast.objectstore.decorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.TransientObjectStoreException;
import dev.holdfast.objectstore.memory.MemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryObjectStoreUnitTests {

    private final FaultyObjectStore faulty = new FaultyObjectStore(new MemoryObjectStore("retry"));
    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 2.0, 0.5);
    private final RetryObjectStore store = new RetryObjectStore(faulty, policy, waits::add);

    @Test
    void retriesTransientFailuresWithGrowingWaits() {
        faulty.failNext(transientFailure(), transientFailure(), transientFailure());

        store.put("k", Content.of(new byte[] {1, 2, 3}));

        assertThat(faulty.calls).hasValue(4);
        assertThat(store.stat("k").size()).isEqualTo(3);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        faulty.failNext(transientFailure(), transientFailure(), transientFailure(), transientFailure());

        assertThatThrownBy(() -> store.stat("k")).isInstanceOf(TransientObjectStoreException.class);
        assertThat(faulty.calls).hasValue(4);
    }

    @Test
    void neverRetriesFinalErrors() {
        faulty.failNext(new ObjectStoreAccessException("refused (HTTP 403)", null));

        assertThatThrownBy(() -> store.delete("k")).isInstanceOf(ObjectStoreAccessException.class);
        assertThatThrownBy(() -> store.get("missing")).isInstanceOf(NoSuchObjectException.class);
        assertThat(faulty.calls).hasValue(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void doesNotRetryAPutWhoseOneShotStreamWasRead() {
        faulty.failNext(transientFailure());

        assertThatThrownBy(() -> store.put("k", Content.of(new ByteArrayInputStream(new byte[] {1}))))
                .isInstanceOf(TransientObjectStoreException.class);
        assertThat(faulty.calls).hasValue(1);
        assertThat(faulty.exists("k")).isFalse();
    }

    @Test
    void jitterKeepsWaitsWithinTheirShare() {
        SplittableRandom random = new SplittableRandom(1);
        for (int retry = 1; retry <= 10; retry++) {
            Duration wait = RetryPolicy.DEFAULTS.delayBefore(retry, random);
            Duration full = Duration.ofMillis(Math.min(100L << (retry - 1), 15_000));
            assertThat(wait).isBetween(full.dividedBy(2), full);
        }
    }

    private static TransientObjectStoreException transientFailure() {
        return new TransientObjectStoreException("connection reset", null);
    }
}
