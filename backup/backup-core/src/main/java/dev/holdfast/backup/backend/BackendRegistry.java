package dev.holdfast.backup.backend;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens repository locations as restic spells them ({@code /srv/repo}, {@code local:/srv/repo},
 * {@code s3:http://host:9000/bucket/prefix}, {@code azure:container:/prefix}, {@code rest:http://host:8000/}) through
 * the factory of their scheme, and wraps every backend the same way: retries around a concurrency limit, around
 * transfer rate limits when there are any. A location without a known scheme is a local path when a {@code local}
 * factory is registered. Immutable and thread-safe.
 */
public final class BackendRegistry {

    /** Attempts per operation, counting the first. */
    public static final int ATTEMPTS = 5;
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    private final Map<String, BackendFactory> factories;
    private final RateLimits rateLimits;

    private BackendRegistry(Map<String, BackendFactory> factories, RateLimits rateLimits) {
        this.factories = Map.copyOf(factories);
        this.rateLimits = rateLimits;
    }

    /** A registry of {@code factories}; two for one scheme are rejected. */
    public static BackendRegistry of(List<? extends BackendFactory> factories) {
        Map<String, BackendFactory> byScheme = new TreeMap<>();
        for (BackendFactory factory : factories) {
            if (byScheme.putIfAbsent(factory.scheme(), factory) != null) {
                throw new IllegalArgumentException("scheme '" + factory.scheme() + "' is registered twice");
            }
        }
        return new BackendRegistry(byScheme, RateLimits.UNLIMITED);
    }

    public static BackendRegistry of(BackendFactory... factories) {
        return of(List.of(factories));
    }

    /** The registered schemes, sorted. */
    public List<String> schemes() {
        return List.copyOf(new TreeMap<>(factories).keySet());
    }

    /** The same registry, opening backends whose transfers are limited to {@code limits}, whatever their scheme. */
    public BackendRegistry withRateLimits(RateLimits limits) {
        return new BackendRegistry(factories, limits);
    }

    /**
     * The decorated backend at {@code location}: {@link RetryBackend} around {@link LimitingBackend}, around
     * {@link RateLimitingBackend} when this registry has rate limits (so a request waits for its rate while holding
     * its connection, and every attempt is counted).
     */
    public Backend open(String location) {
        BackendFactory factory = factoryFor(location);
        Backend raw = factory.open(location);
        Backend limited = rateLimits.unlimited() ? raw : new RateLimitingBackend(raw, rateLimits);
        return new RetryBackend(new LimitingBackend(limited, factory.connections()), ATTEMPTS, INITIAL_BACKOFF);
    }

    BackendFactory factoryFor(String location) {
        int colon = location.indexOf(':');
        String scheme = colon > 0 ? location.substring(0, colon) : "";
        BackendFactory factory = factories.get(scheme);
        if (factory != null) {
            return factory;
        }
        if (scheme.matches("[a-z0-9]{2,}")) {
            throw new InvalidLocationException("unsupported repository location " + location
                    + ": known schemes are " + schemes() + ", or a local path");
        }
        BackendFactory local = factories.get("local");
        if (local == null) {
            throw new InvalidLocationException("repository location " + location + " has no scheme: expected one of "
                    + schemes());
        }
        return local;
    }
}
