package dev.holdfast.objectstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes a put stores: a stream of known or unknown length, opened by the store exactly when it uploads.
 *
 * <p>Content made from a byte array, a file or a stream supplier is <em>repeatable</em>: a retry opens it again.
 * Content made from an {@link InputStream} can be read once, so a failed put of it is not retried. The store closes
 * every stream it opens. Thread-safety: a content object belongs to one put at a time.
 */
public final class Content {

    /** Length meaning "not known in advance". */
    public static final long UNKNOWN_LENGTH = -1;

    /** Opens the bytes; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final Source source;
    private final long length;
    private final boolean repeatable;
    private final AtomicBoolean opened = new AtomicBoolean();

    private Content(Source source, long length, boolean repeatable) {
        if (length < 0 && length != UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("length must be >= 0 or UNKNOWN_LENGTH, was " + length);
        }
        this.source = source;
        this.length = length;
        this.repeatable = repeatable;
    }

    public static Content of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Content(() -> new ByteArrayInputStream(copy), copy.length, true);
    }

    /** The file's bytes; its size is read now, so the file should not change until the put ends. */
    public static Content of(Path file) {
        try {
            return new Content(() -> Files.newInputStream(file), Files.size(file), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + file, e);
        }
    }

    /** A stream of unknown length, read once. */
    public static Content of(InputStream stream) {
        return new Content(() -> stream, UNKNOWN_LENGTH, false);
    }

    /** A stream of exactly {@code length} bytes, read once; a shorter or longer stream fails the put. */
    public static Content of(InputStream stream, long length) {
        return new Content(() -> stream, length, false);
    }

    /** Streams from {@code source}, opened anew for each attempt; {@code length} may be {@link #UNKNOWN_LENGTH}. */
    public static Content repeatable(Source source, long length) {
        return new Content(source, length, true);
    }

    /** Bytes, or {@link #UNKNOWN_LENGTH}. */
    public long length() {
        return length;
    }

    public boolean knownLength() {
        return length != UNKNOWN_LENGTH;
    }

    /** Whether {@link #open()} may be called again after a failed attempt. */
    public boolean repeatable() {
        return repeatable;
    }

    /** Whether a non-repeatable content was already handed out. */
    public boolean consumed() {
        return !repeatable && opened.get();
    }

    /** Opens the bytes; a one-shot content throws {@link IllegalStateException} the second time. */
    public InputStream open() throws IOException {
        if (opened.getAndSet(true) && !repeatable) {
            throw new IllegalStateException("this content is a one-shot stream and was already read");
        }
        return source.open();
    }
}
