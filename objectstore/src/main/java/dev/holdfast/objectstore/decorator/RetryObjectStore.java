package dev.holdfast.objectstore.decorator;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.TransientObjectStoreException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Retries calls that fail with {@link TransientObjectStoreException}, with exponential backoff and jitter; every other
 * error (missing object, conflict, refused access, any 4xx) is thrown at once.
 *
 * <p>A put is retried only if its content is {@linkplain Content#repeatable() repeatable}. A get retries opening the
 * stream, not reads from it. A create-only put whose first attempt reached the store but lost its answer fails on retry
 * with {@code ObjectAlreadyExistsException}: callers that need to tell apart compare the stored etag or content.
 * Thread-safe; an interrupted wait ends the call with {@link ObjectStoreException}.
 */
public final class RetryObjectStore extends ForwardingObjectStore {

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final System.Logger LOG = System.getLogger(RetryObjectStore.class.getName());

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public RetryObjectStore(ObjectStore delegate, RetryPolicy policy) {
        this(delegate, policy, duration -> Thread.sleep(duration));
    }

    public RetryObjectStore(ObjectStore delegate, RetryPolicy policy, Sleeper sleeper) {
        super(delegate);
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        return retry("put", key, () -> delegate.put(key, content, options), () -> !content.consumed());
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        return retry("get", key, () -> delegate.get(key, range), () -> true);
    }

    @Override
    public ObjectInfo stat(String key) {
        return retry("stat", key, () -> delegate.stat(key), () -> true);
    }

    @Override
    public boolean exists(String key) {
        return retry("exists", key, () -> delegate.exists(key), () -> true);
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        return retry("list", prefix, () -> delegate.list(prefix, pageToken, pageSize), () -> true);
    }

    @Override
    public void delete(String key) {
        retry("delete", key, () -> {
            delegate.delete(key);
            return null;
        }, () -> true);
    }

    private <T> T retry(String operation, String key, Supplier<T> call, Supplier<Boolean> retryable) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (TransientObjectStoreException e) {
                if (attempt >= policy.maxAttempts() || !retryable.get()) {
                    throw e;
                }
                Duration delay = policy.delayBefore(attempt, ThreadLocalRandom.current());
                LOG.log(System.Logger.Level.DEBUG, "{0} of ''{1}'' on {2} failed (attempt {3}), retrying in {4}: {5}",
                        operation, key, delegate.location(), attempt, delay, e.getMessage());
                pause(delay, e);
            }
        }
    }

    private void pause(Duration delay, TransientObjectStoreException cause) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            ObjectStoreException e = new ObjectStoreException("interrupted while waiting to retry", interrupted);
            e.addSuppressed(cause);
            throw e;
        }
    }
}
