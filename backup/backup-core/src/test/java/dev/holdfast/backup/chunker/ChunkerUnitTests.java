package dev.holdfast.backup.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Id;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerUnitTests {

    /** restic-format.md §5: SHA256("restic-chunker-test" ‖ LE64(i)) blocks, 32 MiB. */
    static byte[] testData() throws Exception {
        byte[] data = new byte[32 * 1024 * 1024];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] prefix = "restic-chunker-test".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i * 32 < data.length; i++) {
            sha.update(prefix);
            sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(i).array());
            System.arraycopy(sha.digest(), 0, data, i * 32, 32);
        }
        return data;
    }

    static List<byte[]> chunks(Polynomial polynomial, byte[] data) throws IOException {
        Chunker chunker = new Chunker(polynomial);
        chunker.reset(new ByteArrayInputStream(data));
        List<byte[]> result = new ArrayList<>();
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            result.add(chunk);
        }
        return result;
    }

    @Test
    void cutsTheReferenceDataWhereResticDoes() throws Exception {
        byte[] data = testData();
        assertThat(Id.hash(data).hex()).isEqualTo("1448ac48f9eaa889692634a99b8815523dd556ffea679031d776ddba1af4f041");

        List<byte[]> chunks = chunks(Polynomial.parse("2f970e3ad844eb"), data);

        assertThat(chunks).extracting(c -> c.length).containsExactly(4534168, 1323542, 1083660, 1333764, 1394706,
                743978, 1142283, 2098200, 1116704, 797140, 800367, 2344398, 4765071, 3084064, 1615354, 1295519, 970768,
                3110746);
        assertThat(Id.hash(chunks.getFirst()).hex()).startsWith("e189f8e0").endsWith("bb27");
        assertThat(Id.hash(chunks.getLast()).hex()).startsWith("85a39fc9").endsWith("d87d");
    }

    @Test
    void cutsWithTheChunkersOwnTestPolynomial() throws Exception {
        List<byte[]> chunks = chunks(Polynomial.parse("3da3358b4dc173"), testData());

        assertThat(chunks).extracting(c -> c.length).containsExactly(914995, 1689563, 2880302, 1239462, 752401,
                2642746, 959386, 2777346, 1944434, 1576612, 967803, 3136410, 657529, 1382627, 1245358, 864664, 1010453,
                1789284, 1146822, 2064716, 1748278, 163241);
    }

    @Test
    void cutsZerosIntoMinimumSizeChunks() throws Exception {
        List<byte[]> chunks = chunks(Polynomial.parse("2f970e3ad844eb"), new byte[3 * Chunker.MIN_SIZE + 10]);

        assertThat(chunks).extracting(c -> c.length)
                .containsExactly(Chunker.MIN_SIZE, Chunker.MIN_SIZE, Chunker.MIN_SIZE, 10);
        assertThat(Id.hash(chunks.getFirst()).hex()).startsWith("07854d2f");
    }

    @Test
    void cutsAtTheMaximumSizeWhenNoWindowMatches() throws Exception {
        // a 1,000-byte period: the digest of a 64-byte window repeats with it, and none of these windows matches
        byte[] period = new byte[1000];
        new java.util.Random(7).nextBytes(period);
        byte[] data = new byte[2 * Chunker.MAX_SIZE + 12345];
        for (int i = 0; i < data.length; i++) {
            data[i] = period[i % period.length];
        }

        assertThat(chunks(Polynomial.parse("2f970e3ad844eb"), data)).extracting(c -> c.length)
                .containsExactly(Chunker.MAX_SIZE, Chunker.MAX_SIZE, 12345);
    }

    @Test
    void cutsTheSameWhateverSizesTheStreamReturnsItsBytesIn() throws Exception {
        byte[] data = testData();
        Polynomial polynomial = Polynomial.parse("2f970e3ad844eb");
        java.util.Random sizes = new java.util.Random(3);
        java.io.InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + sizes.nextInt(sizes.nextBoolean() ? 100 : 300_000)));
            }
        };
        Chunker chunker = new Chunker(polynomial);
        chunker.reset(trickle);
        List<Integer> lengths = new ArrayList<>();
        for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            lengths.add(chunk.length);
        }

        assertThat(lengths).isEqualTo(chunks(polynomial, data).stream().map(c -> c.length).toList());
    }

    @Test
    void cutsTheSameIntoRotatingReusedBuffersAcrossFiles() throws Exception {
        byte[] data = testData();
        Polynomial polynomial = Polynomial.parse("2f970e3ad844eb");
        List<byte[]> expected = chunks(polynomial, data);
        byte[] small = Arrays.copyOf(data, 700_000);
        List<byte[]> expectedSmall = chunks(polynomial, small);
        Chunker chunker = new Chunker(polynomial);
        ChunkBuffer[] pool = {new ChunkBuffer(), new ChunkBuffer(), new ChunkBuffer()};
        pool[1].capacity(9 << 20, 0); // one buffer starts large, as a reused one may
        int turn = 0;
        for (byte[] file : List.of(data, small, data)) { // a file's read-ahead never leaks into the next
            chunker.reset(new ByteArrayInputStream(file));
            List<byte[]> got = new ArrayList<>();
            while (true) {
                ChunkBuffer buffer = pool[turn++ % pool.length];
                if (!chunker.next(buffer)) {
                    assertThat(buffer.length()).isZero();
                    break;
                }
                got.add(Arrays.copyOf(buffer.bytes(), buffer.length()));
                Arrays.fill(buffer.bytes(), (byte) 7); // the consumer may overwrite what it was handed
            }
            assertThat(got).containsExactlyElementsOf(file == small ? expectedSmall : expected);
        }
    }

    @Test
    void yieldsNoChunkForAnEmptyStreamAndOneForASmallOne() throws Exception {
        Polynomial polynomial = Polynomial.parse("2f970e3ad844eb");

        assertThat(chunks(polynomial, new byte[0])).isEmpty();
        assertThat(chunks(polynomial, new byte[1000])).extracting(c -> c.length).containsExactly(1000);
    }

    @Test
    void makesIrreduciblePolynomialsOfDegree53() {
        Polynomial polynomial = Polynomial.random();

        assertThat(Polynomial.degree(polynomial.value())).isEqualTo(53);
        assertThat(polynomial.irreducible()).isTrue();
        assertThat(Polynomial.parse("2f970e3ad844eb").irreducible()).isTrue();
        assertThat(Polynomial.irreducible(0x2f970e3ad844ebL ^ 0x2)).isFalse();
    }
}
