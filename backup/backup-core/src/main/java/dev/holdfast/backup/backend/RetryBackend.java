package dev.holdfast.backup.backend;

import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Retries failed operations with exponential backoff. Safe because every operation is idempotent: files are
 * content-addressed and written whole. A missing file, an existing repository, a malformed location and a certificate
 * the other side will not accept ({@link TlsException}) are answers, not failures, and are not retried.
 */
public final class RetryBackend implements Backend {

    private final Backend delegate;
    private final int attempts;
    private final Duration initialBackoff;

    public RetryBackend(Backend delegate, int attempts, Duration initialBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.delegate = delegate;
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
    }

    private <T> T retry(String what, Supplier<T> operation) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (MissingFileException | ConfigExistsException | InvalidLocationException | TlsException permanent) {
                throw permanent;
            } catch (BackendException e) {
                if (attempt >= attempts) {
                    throw new BackendException(what + " failed after " + attempts + " attempts: " + e.getMessage(), e);
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void create() {
        retry("create", () -> {
            delegate.create();
            return null;
        });
    }

    @Override
    public void save(Handle handle, byte[] data) {
        retry("save " + handle, () -> {
            delegate.save(handle, data);
            return null;
        });
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) {
        retry("save " + handle, () -> {
            delegate.save(handle, parts);
            return null;
        });
    }

    @Override
    public void save(Handle handle, Path source) {
        retry("save " + handle, () -> {
            delegate.save(handle, source);
            return null;
        });
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        return retry("load " + handle, () -> delegate.load(handle, offset, length));
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into) {
        retry("load " + handle, () -> {
            delegate.load(handle, offset, length, into);
            return null;
        });
    }

    @Override
    public long size(Handle handle) {
        return retry("stat " + handle, () -> delegate.size(handle));
    }

    @Override
    public boolean exists(Handle handle) {
        return retry("stat " + handle, () -> delegate.exists(handle));
    }

    @Override
    public void remove(Handle handle) {
        retry("remove " + handle, () -> {
            delegate.remove(handle);
            return null;
        });
    }

    @Override
    public List<FileInfo> list(FileType type) {
        return retry("list " + type.folder(), () -> delegate.list(type));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
