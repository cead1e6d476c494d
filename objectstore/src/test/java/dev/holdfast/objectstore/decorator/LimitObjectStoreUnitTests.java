package dev.holdfast.objectstore.decorator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.memory.MemoryObjectStore;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitObjectStoreUnitTests {

    /** Counts calls in progress; each stat takes a little while so that callers overlap. */
    static final class Gauge extends ForwardingObjectStore {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        Gauge(ObjectStore delegate) {
            super(delegate);
        }

        @Override
        public ObjectInfo stat(String key) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                return delegate.stat(key);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                now.decrementAndGet();
            }
        }
    }

    @Test
    void letsAtMostTheLimitOfCallsThroughAtOnce() throws Exception {
        MemoryObjectStore memory = new MemoryObjectStore("limit");
        memory.put("k", Content.of(new byte[] {1}));
        Gauge gauge = new Gauge(memory);
        LimitObjectStore store = new LimitObjectStore(gauge, 3);

        try (ExecutorService executor = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 48; i++) {
                executor.submit(() -> store.stat("k"));
            }
        }

        assertThat(gauge.most).hasValue(3);
    }

    @Test
    void holdsAPermitUntilTheReadStreamIsClosed() throws Exception {
        MemoryObjectStore memory = new MemoryObjectStore("limit");
        memory.put("k", Content.of(new byte[] {1}));
        LimitObjectStore store = new LimitObjectStore(memory, 1);

        InputStream open = store.get("k", ByteRange.ALL);
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            var waiting = executor.submit(() -> store.stat("k"));
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            open.close();
            open.close();
            assertThat(waiting.get(5, TimeUnit.SECONDS).size()).isEqualTo(1);
        }
        assertThat(store.exists("k")).isTrue();
    }
}
