package dev.holdfast.objectstore;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a store knows about one object.
 *
 * @param key the object's key, relative to the store (never including the store's own prefix)
 * @param size length in bytes
 * @param etag an opaque version tag without quotes; it changes whenever the content is replaced
 * @param lastModified when the current content was stored
 * @param contentType the media type given at put ({@code application/octet-stream} if none); {@code null} in list
 *     results, which do not load it
 * @param metadata user metadata given at put; empty in list results, which do not load it
 */
public record ObjectInfo(
        String key,
        long size,
        String etag,
        Instant lastModified,
        @Nullable String contentType,
        Map<String, String> metadata) {

    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }

    /** An entry as a listing returns it: without content type and metadata. */
    public static ObjectInfo listed(String key, long size, String etag, Instant lastModified) {
        return new ObjectInfo(key, size, etag, lastModified, null, Map.of());
    }

    /** {@code etag} without surrounding double quotes, as HTTP stores send it. */
    public static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
