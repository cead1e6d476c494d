package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/**
 * Reading the caller's content failed during a put (its stream threw, or it was shorter or longer than the declared
 * length). Nothing was stored under the key: a previous object, if any, is unchanged.
 */
public class ContentReadException extends ObjectStoreException {

    public ContentReadException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
