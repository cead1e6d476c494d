package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real memory store in front of which scripted failures are thrown, one per call, and calls are counted. Transient
 * failures of a real server cannot be produced on demand, hence this stand-in for the decorator tests only.
 */
final class FaultyObjectStore extends ForwardingObjectStore {

    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    FaultyObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    synchronized FaultyObjectStore failNext(RuntimeException... next) {
        failures.addAll(java.util.List.of(next));
        return this;
    }

    private synchronized void maybeFail() {
        calls.incrementAndGet();
        RuntimeException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        try (InputStream in = content.open()) {
            maybeFail();
            return delegate.put(key, Content.of(in.readAllBytes()), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        maybeFail();
        return delegate.get(key, range);
    }

    @Override
    public ObjectInfo stat(String key) {
        maybeFail();
        return delegate.stat(key);
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        maybeFail();
        return delegate.list(prefix, pageToken, pageSize);
    }

    @Override
    public void delete(String key) {
        maybeFail();
        delegate.delete(key);
    }
}
