package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectAlreadyExistsException;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.TransientObjectStoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Records each call in Micrometer: timer {@value #CALLS} tagged {@code store}, {@code operation} and {@code outcome}
 * ({@code success}, {@code not_found}, {@code already_exists}, {@code access_denied}, {@code transient},
 * {@code error}), and counter {@value #BYTES} tagged {@code store} and {@code direction} ({@code up} counts bytes
 * stored, {@code down} bytes read from get streams). A get's timer covers opening the stream only.
 * Needs micrometer-core on the classpath. Thread-safe.
 */
public final class MetricsObjectStore extends ForwardingObjectStore {

    public static final String CALLS = "holdfast.objectstore.calls";
    public static final String BYTES = "holdfast.objectstore.bytes";

    private final MeterRegistry registry;
    private final String store;
    private final Counter up;
    private final Counter down;

    /**
     * @param store a short, low-cardinality name for the tag (for example {@code attachments} or {@code backups})
     */
    public MetricsObjectStore(ObjectStore delegate, MeterRegistry registry, String store) {
        super(delegate);
        this.registry = registry;
        this.store = store;
        this.up = Counter.builder(BYTES).tag("store", store).tag("direction", "up").baseUnit("bytes")
                .description("bytes moved to or from the object store").register(registry);
        this.down = Counter.builder(BYTES).tag("store", store).tag("direction", "down").baseUnit("bytes")
                .description("bytes moved to or from the object store").register(registry);
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        PutResult result = timed("put", () -> delegate.put(key, content, options));
        up.increment(result.size());
        return result;
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        return new CountingStream(timed("get", () -> delegate.get(key, range)));
    }

    @Override
    public ObjectInfo stat(String key) {
        return timed("stat", () -> delegate.stat(key));
    }

    @Override
    public boolean exists(String key) {
        return timed("exists", () -> delegate.exists(key));
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        return timed("list", () -> delegate.list(prefix, pageToken, pageSize));
    }

    @Override
    public void delete(String key) {
        timed("delete", () -> {
            delegate.delete(key);
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            return call.get();
        } catch (RuntimeException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            Timer.builder(CALLS).tag("store", store).tag("operation", operation).tag("outcome", outcome)
                    .description("object store calls").register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static String outcome(RuntimeException e) {
        return switch (e) {
            case NoSuchObjectException ignored -> "not_found";
            case ObjectAlreadyExistsException ignored -> "already_exists";
            case ObjectStoreAccessException ignored -> "access_denied";
            case TransientObjectStoreException ignored -> "transient";
            default -> "error";
        };
    }

    private final class CountingStream extends FilterInputStream {
        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                down.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                down.increment(n);
            }
            return n;
        }
    }
}
