package dev.holdfast.objectstore;

import org.jspecify.annotations.Nullable;

/** A create-only put found an object under its key; the existing object is left as it was. */
public class ObjectAlreadyExistsException extends ObjectStoreException {

    private final String key;

    public ObjectAlreadyExistsException(String key, @Nullable Throwable cause) {
        super("an object with key '" + ObjectKeys.printable(key) + "' already exists", cause);
        this.key = key;
    }

    /** The key that is already taken. */
    public String key() {
        return key;
    }
}
