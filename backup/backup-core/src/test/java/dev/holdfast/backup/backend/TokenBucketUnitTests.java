package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** restic's token bucket on a clock that only moves when the bucket sleeps or the test says so. */
class TokenBucketUnitTests {

    /** A clock and a sleeper in one: sleeping moves the clock on, and each sleep is recorded. */
    static final class FakeTime implements TokenBucket.Sleeper {

        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }

        void pass(double seconds) {
            now += (long) (seconds * 1e9);
        }

        double slept() {
            return sleeps.stream().mapToLong(Long::longValue).sum() / 1e9;
        }
    }

    private final FakeTime time = new FakeTime();

    private TokenBucket bucket(long rate) {
        return new TokenBucket(rate, time::nanoTime, time);
    }

    @Test
    void startsFullSoOneSecondsWorthGoesAtOnce() {
        bucket(1000).take(1000);

        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void makesATakerWaitForWhatItOverdraws() {
        TokenBucket bucket = bucket(1000);

        bucket.take(1000);
        bucket.take(500);

        assertThat(time.sleeps).containsExactly(500_000_000L);
    }

    @Test
    void refillsWithTimeButBanksAtMostOneSecondsWorth() {
        TokenBucket bucket = bucket(1000);
        bucket.take(1000);

        time.pass(10);
        bucket.take(3000);

        assertThat(time.slept()).isEqualTo(2.0);
    }

    @Test
    void holdsTheRateOverManyTransfersLargerAndSmallerThanTheBucket() {
        TokenBucket bucket = bucket(1024);

        for (int i = 0; i < 20; i++) {
            bucket.take(i % 2 == 0 ? 100 : 5000);
        }

        // 10 * 100 + 10 * 5000 bytes, of which the first second's 1024 were in the bucket
        assertThat(time.slept()).isCloseTo((51_000 - 1024) / 1024.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void queuesTakersThatArriveTogether() {
        TokenBucket.Sleeper recordOnly = time.sleeps::add; // the clock stands still: all arrive at one instant
        TokenBucket bucket = new TokenBucket(1000, time::nanoTime, recordOnly);

        bucket.take(1000);
        bucket.take(2000); // reserves the next two seconds
        bucket.take(1000); // so waits three from the same instant

        assertThat(time.sleeps).containsExactly(2_000_000_000L, 3_000_000_000L);
    }

    @Test
    void takesNothingForAnEmptyTransfer() {
        TokenBucket bucket = bucket(10);
        bucket.take(10);

        bucket.take(0);

        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void rejectsARateBelowOneByteASecond() {
        assertThatThrownBy(() -> bucket(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsWaitingWhenInterrupted() {
        TokenBucket bucket = new TokenBucket(1, time::nanoTime, nanos -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> bucket.take(2)).isInstanceOf(BackendException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }
}
