package dev.holdfast.objectstore;

/**
 * What a successful put stored.
 *
 * @param key the key written
 * @param size bytes stored
 * @param etag the new content's version tag, without quotes
 */
public record PutResult(String key, long size, String etag) {}
