package dev.holdfast.backup.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Limits the bytes saved and loaded per second (restic's {@code --limit-upload}, {@code --limit-download}) with one
 * {@link TokenBucket} per direction, shared by all threads. A save waits for its bytes before it starts; a load waits
 * for the bytes it got after they arrived. The unit is a whole file or range, not a network packet, so the limit
 * holds on average: a pack larger than a second's worth waits for its share of time and then goes at full speed.
 * Listings, sizes and removals are not counted.
 */
public final class RateLimitingBackend implements Backend {

    private final Backend delegate;
    private final @Nullable TokenBucket upload;
    private final @Nullable TokenBucket download;

    public RateLimitingBackend(Backend delegate, RateLimits limits) {
        this(delegate, bucket(limits.uploadBytesPerSecond()), bucket(limits.downloadBytesPerSecond()));
    }

    RateLimitingBackend(Backend delegate, @Nullable TokenBucket upload, @Nullable TokenBucket download) {
        this.delegate = delegate;
        this.upload = upload;
        this.download = download;
    }

    private static @Nullable TokenBucket bucket(long rate) {
        return rate == 0 ? null : new TokenBucket(rate);
    }

    private void uploading(long bytes) {
        if (upload != null) {
            upload.take(bytes);
        }
    }

    private void downloaded(long bytes) {
        if (download != null) {
            download.take(bytes);
        }
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public void create() {
        delegate.create();
    }

    @Override
    public void save(Handle handle, byte[] data) {
        uploading(data.length);
        delegate.save(handle, data);
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) {
        uploading(parts.stream().mapToLong(part -> part.length).sum());
        delegate.save(handle, parts);
    }

    @Override
    public void save(Handle handle, Path source) {
        try {
            uploading(Files.size(source));
        } catch (IOException e) {
            throw new BackendException("cannot read " + source + " to save it as " + handle, e);
        }
        delegate.save(handle, source);
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        byte[] data = delegate.load(handle, offset, length);
        downloaded(data.length);
        return data;
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into) {
        delegate.load(handle, offset, length, into);
        downloaded(length);
    }

    @Override
    public long size(Handle handle) {
        return delegate.size(handle);
    }

    @Override
    public boolean exists(Handle handle) {
        return delegate.exists(handle);
    }

    @Override
    public void remove(Handle handle) {
        delegate.remove(handle);
    }

    @Override
    public List<FileInfo> list(FileType type) {
        return delegate.list(type);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
