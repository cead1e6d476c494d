package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ObjectStore;

/** The only place that names Micrometer outside {@link MetricsObjectStore}, so the rest loads without it. */
final class Micrometer {

    private Micrometer() {}

    static boolean onClasspath() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, Micrometer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Wraps {@code store} with metrics in Micrometer's global registry (Spring Boot adds its registry there). */
    static ObjectStore withGlobalRegistry(ObjectStore store, String name) {
        return new MetricsObjectStore(store, io.micrometer.core.instrument.Metrics.globalRegistry, name);
    }
}
