package dev.holdfast.objectstore;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Opens a store from a location string such as {@code file:/srv/holdfast/objects}, {@code s3:https://host/bucket/prefix}
 * or {@code azure:container/prefix}, through the factory registered for its scheme. Immutable and thread-safe.
 */
public final class ObjectStoreRegistry {

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final Map<String, ObjectStoreFactory> factories;

    private ObjectStoreRegistry(Map<String, ObjectStoreFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** A registry of {@code factories}; two factories for one scheme are rejected. */
    public static ObjectStoreRegistry of(ObjectStoreFactory... factories) {
        return of(List.of(factories));
    }

    public static ObjectStoreRegistry of(List<? extends ObjectStoreFactory> factories) {
        Map<String, ObjectStoreFactory> byScheme = new TreeMap<>();
        for (ObjectStoreFactory factory : factories) {
            if (!SCHEME.matcher(factory.scheme()).matches()) {
                throw new IllegalArgumentException("scheme '" + factory.scheme() + "' must match " + SCHEME);
            }
            ObjectStoreFactory previous = byScheme.putIfAbsent(factory.scheme(), factory);
            if (previous != null) {
                throw new IllegalArgumentException("scheme '" + factory.scheme() + "' is registered twice: by "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return new ObjectStoreRegistry(byScheme);
    }

    /** The registered schemes, sorted. */
    public List<String> schemes() {
        return factories.keySet().stream().sorted().toList();
    }

    /**
     * Opens the store {@code location} names.
     *
     * @throws InvalidLocationException no scheme, an unknown scheme, or a part the scheme's factory rejects
     */
    public ObjectStore open(String location) {
        int colon = location.indexOf(':');
        if (colon <= 0) {
            throw new InvalidLocationException("location '" + location + "' has no scheme: expected one of "
                    + schemes().stream().map(s -> s + ":...").toList());
        }
        String scheme = location.substring(0, colon);
        ObjectStoreFactory factory = factories.get(scheme);
        if (factory == null) {
            throw new InvalidLocationException("location '" + location + "' has unknown scheme '" + scheme
                    + "': known schemes are " + schemes());
        }
        return factory.open(location);
    }
}
