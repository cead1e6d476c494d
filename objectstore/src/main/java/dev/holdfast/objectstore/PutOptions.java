package dev.holdfast.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a put stores its content.
 *
 * @param contentType media type to store, or {@code null} for {@code application/octet-stream}
 * @param metadata user metadata: names match {@code [a-z][a-z0-9_]*} (S3 lower-cases names, Azure wants identifiers),
 *     values are printable ASCII, at most 2 KiB in all
 * @param createOnly fail with {@link ObjectAlreadyExistsException} if the key exists, atomically
 */
public record PutOptions(@Nullable String contentType, Map<String, String> metadata, boolean createOnly) {

    /** Overwrite, no content type, no metadata. */
    public static final PutOptions DEFAULTS = new PutOptions(null, Map.of(), false);

    /** The content type stores report when none was given. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]*");
    private static final int MAX_METADATA_BYTES = 2048;

    public PutOptions {
        metadata = Map.copyOf(metadata);
        int bytes = 0;
        for (var entry : metadata.entrySet()) {
            if (!NAME.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("metadata name '" + entry.getKey() + "' must match " + NAME);
            }
            if (!VALUE.matcher(entry.getValue()).matches()) {
                throw new IllegalArgumentException("metadata '" + entry.getKey() + "' must be printable ASCII");
            }
            bytes += (entry.getKey() + entry.getValue()).getBytes(StandardCharsets.US_ASCII).length;
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata is " + bytes + " bytes, at most " + MAX_METADATA_BYTES);
        }
    }

    public static PutOptions createOnlyPut() {
        return DEFAULTS.withCreateOnly(true);
    }

    public PutOptions withContentType(@Nullable String type) {
        return new PutOptions(type, metadata, createOnly);
    }

    public PutOptions withMetadata(Map<String, String> values) {
        return new PutOptions(contentType, values, createOnly);
    }

    public PutOptions withCreateOnly(boolean value) {
        return new PutOptions(contentType, metadata, value);
    }

    /** The content type to store: the given one or {@link #DEFAULT_CONTENT_TYPE}. */
    public String effectiveContentType() {
        return contentType != null ? contentType : DEFAULT_CONTENT_TYPE;
    }
}
