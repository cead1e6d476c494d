package dev.holdfast.objectstore.decorator;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When {@link RetryObjectStore} tries again: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialDelay * multiplier^(n-1)} (capped at {@code maxDelay}) before retry {@code n}, of which a random
 * share up to {@code jitter} (0 to 1) is taken off so that clients that failed together do not retry together.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

    /** 10 attempts, 100 ms doubling to at most 15 s, half jitter: about a minute of trying in all. */
    public static final RetryPolicy DEFAULTS =
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(15), 2.0, 0.5);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initial <= max, were " + initialDelay
                    + " and " + maxDelay);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0 and 1, was " + jitter);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry, RandomGenerator random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, retry - 1);
        double capped = Math.min(base, maxDelay.toNanos());
        double jittered = capped * (1 - jitter * random.nextDouble());
        return Duration.ofNanos((long) jittered);
    }
}
