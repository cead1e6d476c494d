package dev.holdfast.backup.backend;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * restic's token bucket (juju/ratelimit, as its {@code --limit-upload} and {@code --limit-download} use it): it fills
 * at {@code rate} bytes a second up to one second's worth and starts full. A taker takes what it needs, overdrawing
 * if it must, and sleeps until the bucket would be back at zero, so takers are served in turn and the long-run rate
 * never exceeds {@code rate}. Thread-safe; the clock and the sleeper are injected so tests need not wait.
 */
final class TokenBucket {

    /** Waits for a number of nanoseconds; {@link Thread#sleep} in production. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final double NANOS_PER_SECOND = 1e9;

    private final long rate;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long filledAt;

    /** A bucket of {@code rate} bytes a second on the system clock. */
    TokenBucket(long rate) {
        this(rate, System::nanoTime, nanos -> Thread.sleep(Duration.ofNanos(nanos)));
    }

    /** @param rate bytes a second, at least 1 */
    TokenBucket(long rate, LongSupplier nanoTime, Sleeper sleeper) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 byte a second, was " + rate);
        }
        this.rate = rate;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = rate;
        this.filledAt = nanoTime.getAsLong();
    }

    /** Takes {@code bytes} tokens and waits until they are paid for. */
    void take(long bytes) {
        if (bytes <= 0) {
            return;
        }
        long wait = reserve(bytes);
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("interrupted while waiting for the transfer rate limit", e);
            }
        }
    }

    /** Takes {@code bytes} tokens now; returns the nanoseconds until the bucket is back at zero. */
    private synchronized long reserve(long bytes) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(rate, tokens + (now - filledAt) / NANOS_PER_SECOND * rate);
        filledAt = now;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * NANOS_PER_SECOND);
    }
}
