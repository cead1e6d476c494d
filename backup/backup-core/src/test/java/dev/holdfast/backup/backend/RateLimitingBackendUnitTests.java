package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.objectstore.ObjectStoreBackend;
import dev.holdfast.objectstore.memory.MemoryObjectStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which transfers count against which limit, over an in-memory store and a clock that moves only when slept on. */
class RateLimitingBackendUnitTests {

    private final TokenBucketUnitTests.FakeTime uploads = new TokenBucketUnitTests.FakeTime();
    private final TokenBucketUnitTests.FakeTime downloads = new TokenBucketUnitTests.FakeTime();
    private final Backend store = new ObjectStoreBackend(new MemoryObjectStore("rate"), () -> {});

    private static Handle handle(int n) {
        return new Handle(FileType.DATA, Id.hash(new byte[] {(byte) n}).hex());
    }

    private RateLimitingBackend limited(long up, long down) {
        return new RateLimitingBackend(store, new TokenBucket(up, uploads::nanoTime, uploads),
                new TokenBucket(down, downloads::nanoTime, downloads));
    }

    @Test
    void countsSavedBytesAgainstTheUploadLimitOnly() {
        RateLimitingBackend backend = limited(1000, 1000);

        backend.save(handle(1), new byte[1000]);
        backend.save(handle(2), List.of(new byte[1500], new byte[500]));

        assertThat(uploads.slept()).isEqualTo(2.0);
        assertThat(downloads.sleeps).isEmpty();
        assertThat(store.size(handle(2))).isEqualTo(2000);
    }

    @Test
    void countsLoadedBytesAgainstTheDownloadLimitOnly() {
        store.save(handle(1), new byte[4000]);
        RateLimitingBackend backend = limited(1000, 1000);

        assertThat(backend.load(handle(1), 0, 0)).hasSize(4000);
        backend.load(handle(1), 100, 500, new byte[500]);
        backend.list(FileType.DATA);
        backend.size(handle(1));

        assertThat(downloads.slept()).isEqualTo(3.5);
        assertThat(uploads.sleeps).isEmpty();
    }

    @Test
    void leavesADirectionWithoutALimitAlone() {
        store.save(handle(1), new byte[4000]);
        RateLimitingBackend backend = new RateLimitingBackend(store,
                new TokenBucket(1000, uploads::nanoTime, uploads), null);

        backend.load(handle(1), 0, 0);
        backend.save(handle(2), new byte[3000]);

        assertThat(uploads.slept()).isEqualTo(2.0);
        assertThat(downloads.sleeps).isEmpty();
    }

    @Test
    void keepsUnlimitedFromTheFlagsAsNoBucket() {
        RateLimits limits = RateLimits.ofKiB(0, 3);

        assertThat(limits.unlimited()).isFalse();
        assertThat(limits.downloadBytesPerSecond()).isEqualTo(3072);
        assertThat(RateLimits.UNLIMITED.unlimited()).isTrue();
        assertThatThrownBy(() -> RateLimits.ofKiB(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
