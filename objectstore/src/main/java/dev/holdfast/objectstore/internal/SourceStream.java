package dev.holdfast.objectstore.internal;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.ObjectKeys;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * The caller's content as a store reads it during a put: counts bytes, enforces a declared length, and remembers
 * whether a failure came from the caller's stream (so the store can report {@link ContentReadException} rather than a
 * storage error). Not thread-safe; one put reads it.
 */
public final class SourceStream extends InputStream {

    private final String key;
    private final InputStream in;
    private final long declared;
    private long count;
    private @Nullable ContentReadException failure;

    private SourceStream(String key, InputStream in, long declared) {
        this.key = key;
        this.in = in;
        this.declared = declared;
    }

    /** Opens {@code content} for the put of {@code key}; an open failure is a {@link ContentReadException}. */
    public static SourceStream open(String key, Content content) {
        try {
            return new SourceStream(key, content.open(), content.length());
        } catch (IOException | RuntimeException e) {
            throw new ContentReadException("cannot open content for key '" + ObjectKeys.printable(key) + "'", e);
        }
    }

    /** Bytes handed out so far. */
    public long count() {
        return count;
    }

    /** The declared length, or {@link Content#UNKNOWN_LENGTH}. */
    public long declaredLength() {
        return declared;
    }

    /** The content's own failure, if reading it failed. */
    public @Nullable ContentReadException failure() {
        return failure;
    }

    /**
     * Rethrows the content's failure if there was one, otherwise returns {@code storeError}: call it in a store's catch
     * block so a broken source is reported as such.
     */
    public RuntimeException failureOr(RuntimeException storeError) {
        if (failure != null) {
            failure.addSuppressed(storeError);
            return failure;
        }
        return storeError;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (len == 0) {
            return 0;
        }
        int want = declared >= 0 ? (int) Math.min(len, declared - count) : len;
        if (want == 0) {
            expectEnd();
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, want);
        } catch (IOException | RuntimeException e) {
            throw fail("reading content for key '%s' failed after %d bytes".formatted(ObjectKeys.printable(key), count), e);
        }
        if (n < 0 && declared >= 0) {
            throw fail("content for key '%s' ended after %d of %d declared bytes"
                    .formatted(ObjectKeys.printable(key), count, declared), null);
        }
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /**
     * Reads until {@code buffer} is full or the content ends.
     *
     * @return bytes read, 0 at the end
     */
    public int readFully(byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** Throws unless the content is at its end (and, with a declared length, has exactly that many bytes). */
    public void requireEnd() throws IOException {
        if (read() >= 0) {
            throw fail("content for key '%s' is longer than expected".formatted(ObjectKeys.printable(key)), null);
        }
    }

    private void expectEnd() throws IOException {
        int extra;
        try {
            extra = in.read();
        } catch (IOException | RuntimeException e) {
            throw fail("reading content for key '%s' failed at its end".formatted(ObjectKeys.printable(key)), e);
        }
        if (extra >= 0) {
            throw fail("content for key '%s' is longer than its declared %d bytes"
                    .formatted(ObjectKeys.printable(key), declared), null);
        }
    }

    private IOException fail(String message, @Nullable Throwable cause) {
        failure = new ContentReadException(message, cause);
        return new IOException(message, failure);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
