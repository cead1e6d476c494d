package dev.holdfast.objectstore;

import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A flat namespace of immutable-once-written objects under string keys: local disk, S3, Azure Blob or memory.
 *
 * <p>Contract for every implementation (checked by {@code ObjectStoreContractTests}):
 * <ul>
 *   <li>Thread-safe: any number of threads may call any method at once.</li>
 *   <li>A put is atomic: readers see the old object, or the whole new one, never a part. A put whose content fails
 *       midway stores nothing.</li>
 *   <li>Keys are checked with {@link ObjectKeys}; a bad key throws {@link InvalidKeyException} before any I/O.</li>
 *   <li>Errors are {@link ObjectStoreException}s; transient ones are {@link TransientObjectStoreException}.</li>
 * </ul>
 */
public interface ObjectStore extends AutoCloseable {

    /** Largest page a {@link #list(String, String, int)} call may ask for. */
    int MAX_PAGE_SIZE = 1000;

    /** The store's location string, without secrets; for logs and messages. */
    String location();

    /**
     * Stores {@code content} under {@code key}, replacing any object there unless {@link PutOptions#createOnly()}.
     * Streams: memory use is bounded by the implementation's part size, not by the object's size.
     *
     * @throws ObjectAlreadyExistsException create-only and the key exists
     * @throws ContentReadException the content's stream failed or had the wrong length; nothing was stored
     */
    PutResult put(String key, Content content, PutOptions options);

    default PutResult put(String key, Content content) {
        return put(key, content, PutOptions.DEFAULTS);
    }

    /** Stores {@code content} only if {@code key} is free; see {@link PutOptions#createOnly()}. */
    default PutResult create(String key, Content content) {
        return put(key, content, PutOptions.createOnlyPut());
    }

    /**
     * Opens the bytes of {@code range}. The caller must close the stream; it is read lazily and is not thread-safe.
     *
     * @throws NoSuchObjectException no object under {@code key}
     */
    InputStream get(String key, ByteRange range);

    default InputStream get(String key) {
        return get(key, ByteRange.ALL);
    }

    /**
     * Size, etag, last modified, content type and metadata of the object.
     *
     * @throws NoSuchObjectException no object under {@code key}
     */
    ObjectInfo stat(String key);

    /** Whether an object is under {@code key}. */
    default boolean exists(String key) {
        try {
            stat(key);
            return true;
        } catch (NoSuchObjectException e) {
            return false;
        }
    }

    /**
     * One page of the objects whose keys start with {@code prefix}.
     *
     * @param pageToken {@code null} for the first page, else {@link ObjectPage#nextPageToken()} of the previous one
     * @param pageSize at most this many objects, 1 to {@link #MAX_PAGE_SIZE}
     */
    ObjectPage list(String prefix, @Nullable String pageToken, int pageSize);

    /**
     * All objects whose keys start with {@code prefix}, fetched page by page as the stream is consumed. Objects added
     * or removed while it runs may or may not appear.
     */
    default Stream<ObjectInfo> list(String prefix) {
        Iterator<ObjectInfo> iterator = new Iterator<>() {
            private @Nullable ObjectPage page = list(prefix, null, MAX_PAGE_SIZE);
            private int index;

            @Override
            public boolean hasNext() {
                while (page != null && index == page.objects().size()) {
                    String token = page.nextPageToken();
                    page = token == null ? null : list(prefix, token, MAX_PAGE_SIZE);
                    index = 0;
                }
                return page != null;
            }

            @Override
            public ObjectInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.objects().get(index++);
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Removes the object if present. Idempotent: deleting a missing key succeeds. */
    void delete(String key);

    /** Releases clients and connections; the store is unusable afterwards. Idempotent. */
    @Override
    default void close() {}
}
