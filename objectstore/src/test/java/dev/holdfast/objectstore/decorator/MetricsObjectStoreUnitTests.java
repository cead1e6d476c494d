package dev.holdfast.objectstore.decorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.memory.MemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MetricsObjectStoreUnitTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MetricsObjectStore store = new MetricsObjectStore(new MemoryObjectStore("m"), registry, "attachments");

    @Test
    void timesCallsByOperationAndOutcome() {
        store.put("k", Content.of(new byte[10]));
        store.stat("k");
        store.stat("k");
        assertThatThrownBy(() -> store.stat("missing")).isInstanceOf(NoSuchObjectException.class);

        assertThat(count("put", "success")).isEqualTo(1);
        assertThat(count("stat", "success")).isEqualTo(2);
        assertThat(count("stat", "not_found")).isEqualTo(1);
    }

    @Test
    void countsBytesUpAndDown() throws Exception {
        store.put("k", Content.of(new byte[1000]));
        try (InputStream in = store.get("k")) {
            in.readAllBytes();
        }

        assertThat(registry.get(MetricsObjectStore.BYTES).tag("direction", "up").counter().count()).isEqualTo(1000);
        assertThat(registry.get(MetricsObjectStore.BYTES).tag("direction", "down").counter().count()).isEqualTo(1000);
    }

    @Test
    void standardStackIncludesMetricsWhenMicrometerIsPresent() {
        var stacked = Decorators.standard(new MemoryObjectStore("s"), "stacked", 4, RetryPolicy.DEFAULTS);
        stacked.put("k", Content.of(new byte[1]));

        var retry = (RetryObjectStore) stacked;
        var limit = (LimitObjectStore) retry.delegate();
        assertThat(limit.delegate()).isInstanceOf(MetricsObjectStore.class);
        assertThat(limit.maxConcurrent()).isEqualTo(4);
    }

    private long count(String operation, String outcome) {
        return registry.get(MetricsObjectStore.CALLS).tag("store", "attachments").tag("operation", operation)
                .tag("outcome", outcome).timer().count();
    }
}
