package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Passes every call to the wrapped store; a decorator overrides the calls its concern touches. */
public abstract class ForwardingObjectStore implements ObjectStore {

    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** The wrapped store. */
    public ObjectStore delegate() {
        return delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        return delegate.put(key, content, options);
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        return delegate.get(key, range);
    }

    @Override
    public ObjectInfo stat(String key) {
        return delegate.stat(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        return delegate.list(prefix, pageToken, pageSize);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
