package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ObjectStore;

/**
 * The standard stack, outermost first: retry, then limit, then metrics, then the store itself, as in
 * {@code new RetryObjectStore(new LimitObjectStore(new MetricsObjectStore(s3, registry, "backups"), 8), policy)}.
 * Each retry attempt thus waits for a permit and is measured on its own.
 */
public final class Decorators {

    private Decorators() {}

    /**
     * Wraps {@code store} in the standard stack. Metrics go to Micrometer's global registry when micrometer-core is on
     * the classpath, and are left out otherwise.
     *
     * @param name the store's tag in metrics, low cardinality
     * @param maxConcurrent calls allowed to reach {@code store} at once
     */
    public static ObjectStore standard(ObjectStore store, String name, int maxConcurrent, RetryPolicy retry) {
        ObjectStore measured = Micrometer.onClasspath() ? Micrometer.withGlobalRegistry(store, name) : store;
        return new RetryObjectStore(new LimitObjectStore(measured, maxConcurrent), retry);
    }
}
