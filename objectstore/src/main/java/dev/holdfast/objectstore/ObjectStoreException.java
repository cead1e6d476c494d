package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/**
 * Root of every error the object storage library throws. Unchecked: callers catch the specific subclass they can act on
 * ({@link NoSuchObjectException}, {@link ObjectAlreadyExistsException}, {@link ObjectStoreAccessException}, ...) and let
 * the rest travel.
 */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message) {
        super(message);
    }

    public ObjectStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
