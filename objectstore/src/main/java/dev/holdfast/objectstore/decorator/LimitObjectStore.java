package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Lets at most {@code maxConcurrent} calls reach the wrapped store at once; further callers wait (fairly, in arrival
 * order). A get holds its permit until the returned stream is closed, so callers must close it. Thread-safe; a caller
 * interrupted while waiting gets an {@link ObjectStoreException}.
 */
public final class LimitObjectStore extends ForwardingObjectStore {

    private final Semaphore permits;
    private final int maxConcurrent;

    public LimitObjectStore(ObjectStore delegate, int maxConcurrent) {
        super(delegate);
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max concurrent calls must be at least 1, was " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        return limited(() -> delegate.put(key, content, options));
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        acquire();
        try {
            return new PermitStream(delegate.get(key, range));
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public ObjectInfo stat(String key) {
        return limited(() -> delegate.stat(key));
    }

    @Override
    public boolean exists(String key) {
        return limited(() -> delegate.exists(key));
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        return limited(() -> delegate.list(prefix, pageToken, pageSize));
    }

    @Override
    public void delete(String key) {
        limited(() -> {
            delegate.delete(key);
            return null;
        });
    }

    private <T> T limited(Supplier<T> call) {
        acquire();
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("interrupted while waiting for a free connection to "
                    + delegate.location(), e);
        }
    }

    /** Releases the permit once, on the first close. */
    private final class PermitStream extends FilterInputStream {
        private final AtomicBoolean closed = new AtomicBoolean();

        PermitStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                try {
                    in.close();
                } finally {
                    permits.release();
                }
            }
        }
    }
}
