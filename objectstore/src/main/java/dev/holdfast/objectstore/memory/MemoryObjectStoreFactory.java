package dev.holdfast.objectstore.memory;

import dev.holdfast.objectstore.InvalidLocationException;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Opens {@code memory:name}: the same name gives the same store for the factory's lifetime, so a test can open a
 * location twice and see its own objects. Thread-safe.
 */
public final class MemoryObjectStoreFactory implements ObjectStoreFactory {

    public static final String SCHEME = "memory";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<String, MemoryObjectStore> stores = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ObjectStore open(String location) {
        String name = location.substring(SCHEME.length() + 1);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidLocationException("location '" + location + "' has name '" + name
                    + "': expected letters, digits, '.', '_' or '-', as in memory:test");
        }
        return stores.computeIfAbsent(name, MemoryObjectStore::new);
    }
}
