package dev.holdfast.objectstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.TransientObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefetchingInputStreamUnitTests {

    private final byte[] data = new Random(3).ints(100_003).collect(java.io.ByteArrayOutputStream::new,
            (out, i) -> out.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray();

    @Test
    void deliversTheRangeInOrderWhateverOrderChunksArriveIn() throws IOException {
        Set<Long> asked = ConcurrentHashMap.newKeySet();
        PrefetchingInputStream.ChunkReader slowFirst = (offset, length) -> {
            asked.add(offset);
            if (offset == 17) {
                sleep(50);
            }
            return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
        };

        try (InputStream in = new PrefetchingInputStream(slowFirst, 17, 99_000, 4096, 4)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 17, 17 + 99_000));
        }
        assertThat(asked).hasSize(25).contains(17L, 17L + 24 * 4096);
    }

    @Test
    void throwsAChunksFailureAtTheReadThatReachesIt() throws IOException {
        PrefetchingInputStream.ChunkReader failing = (offset, length) -> {
            if (offset >= 8192) {
                throw new TransientObjectStoreException("connection reset at " + offset, null);
            }
            return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
        };

        try (InputStream in = new PrefetchingInputStream(failing, 0, 20_000, 4096, 2)) {
            assertThat(in.readNBytes(8192)).isEqualTo(Arrays.copyOf(data, 8192));
            assertThatThrownBy(in::read).isInstanceOf(TransientObjectStoreException.class)
                    .hasMessage("connection reset at 8192");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
