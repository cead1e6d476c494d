package dev.holdfast.backup.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** Allows at most {@code connections} operations at a time on the wrapped backend (restic's {@code -o *.connections}). */
public final class LimitingBackend implements Backend {

    private final Backend delegate;
    private final Semaphore permits;

    public LimitingBackend(Backend delegate, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        this.delegate = delegate;
        this.permits = new Semaphore(connections, true);
    }

    private <T> T limited(Supplier<T> operation) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for a connection", e);
        }
        try {
            return operation.get();
        } finally {
            permits.release();
        }
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void create() {
        limited(() -> {
            delegate.create();
            return null;
        });
    }

    @Override
    public void save(Handle handle, byte[] data) {
        limited(() -> {
            delegate.save(handle, data);
            return null;
        });
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) {
        limited(() -> {
            delegate.save(handle, parts);
            return null;
        });
    }

    @Override
    public void save(Handle handle, Path source) {
        limited(() -> {
            delegate.save(handle, source);
            return null;
        });
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        return limited(() -> delegate.load(handle, offset, length));
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into) {
        limited(() -> {
            delegate.load(handle, offset, length, into);
            return null;
        });
    }

    @Override
    public long size(Handle handle) {
        return limited(() -> delegate.size(handle));
    }

    @Override
    public boolean exists(Handle handle) {
        return limited(() -> delegate.exists(handle));
    }

    @Override
    public void remove(Handle handle) {
        limited(() -> {
            delegate.remove(handle);
            return null;
        });
    }

    @Override
    public List<FileInfo> list(FileType type) {
        return limited(() -> delegate.list(type));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
