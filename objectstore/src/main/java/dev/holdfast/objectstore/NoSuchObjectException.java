package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/** The key names no object: thrown by get and stat, never by delete (which is idempotent). */
public class NoSuchObjectException extends ObjectStoreException {

    private final String key;

    public NoSuchObjectException(String key, @Nullable Throwable cause) {
        super("no object with key '" + ObjectKeys.printable(key) + "'", cause);
        this.key = key;
    }

    /** The key that names no object. */
    public String key() {
        return key;
    }
}
