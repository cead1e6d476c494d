package dev.holdfast.backup.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits a stream into content-defined chunks exactly where restic's chunker does: a 64-byte Rabin window over the
 * repository polynomial, reset at every chunk start with a seed byte of 1, hashing skipped for the first
 * {@code MIN_SIZE - 64} bytes, a cut after a byte whose digest has 20 low zero bits, and chunks between 512 KiB and
 * 8 MiB (the last chunk of a stream may be shorter). One instance per thread; reuse it for many streams.
 */
public final class Chunker {

    public static final int MIN_SIZE = 512 * 1024;
    public static final int MAX_SIZE = 8 * 1024 * 1024;
    private static final int WINDOW = 64;
    /** Positions per rolling hash in {@link #scan4}: a cut found late in a round wastes at most a round. */
    private static final int LANE = 16 * 1024;
    private static final long SPLIT_MASK = (1L << 20) - 1;
    /**
     * Bytes per read: the JDK reads into a heap array through a per-thread cached direct buffer only up to
     * {@code jdk.nio.maxCachedBufferSize}, which the CLI sets to 256 KiB; larger reads allocate a direct buffer each.
     */
    private static final int READ_SIZE = 256 * 1024;
    private static final byte[] NONE = new byte[0];

    private final long[] outTable = new long[256];
    private final long[] modTable = new long[256];
    private final int polShift;
    /**
     * The buffer being filled: the next chunk's bytes from index 0, and read-ahead after them; {@code [0, filled)}
     * holds data. It is the array of the {@link ChunkBuffer} the chunk goes to, so a chunk is read where it is
     * handed on, not copied.
     */
    private byte[] chunk = NONE;
    private int filled;
    /** Read-ahead past the last chunk ({@code [0, carried)}), the start of the next. */
    private byte[] carry = new byte[READ_SIZE];
    private int carried;
    /** For {@link #next()}. */
    private @Nullable ChunkBuffer own;
    private @Nullable InputStream in;
    private boolean eof;

    public Chunker(Polynomial polynomial) {
        long pol = polynomial.value();
        int degree = Polynomial.degree(pol);
        polShift = degree - 8;
        for (int b = 0; b < 256; b++) {
            long h = appendByte(0, b, pol);
            for (int i = 0; i < WINDOW - 1; i++) {
                h = appendByte(h, 0, pol);
            }
            outTable[b] = h;
            modTable[b] = Polynomial.mod((long) b << degree, pol) | ((long) b << degree);
        }
    }

    private static long appendByte(long hash, int b, long pol) {
        return Polynomial.mod((hash << 8) | b, pol);
    }

    /** Starts chunking a new stream; the chunker does not close it. */
    public void reset(InputStream stream) {
        in = stream;
        carried = 0;
        eof = false;
    }

    /** The next chunk as a fresh array, or null at the end of the stream. */
    public byte @Nullable [] next() throws IOException {
        ChunkBuffer buffer = own == null ? own = new ChunkBuffer() : own;
        return next(buffer) ? Arrays.copyOf(buffer.bytes(), buffer.length()) : null;
    }

    /**
     * Reads the next chunk into {@code into} (growing its array as needed; the array may be replaced); false at the
     * end of the stream, when {@code into}'s length is 0.
     */
    public boolean next(ChunkBuffer into) throws IOException {
        chunk = into.capacity(carried + READ_SIZE, 0);
        System.arraycopy(carry, 0, chunk, 0, carried);
        filled = carried;
        int length = nextLength(into);
        int rest = filled - length;
        if (carry.length < rest) {
            carry = new byte[rest];
        }
        System.arraycopy(chunk, length, carry, 0, rest); // the read-ahead starts the next chunk
        carried = rest;
        into.setLength(length);
        chunk = NONE; // the buffer is the consumer's now
        return length > 0;
    }

    /**
     * Finds the end of the next chunk, reading into {@code chunk} as needed. restic resets its rolling hash at every
     * chunk start to a seed byte of 1 and zeros, and starts hashing {@code MIN_SIZE - 64} bytes in, so by the first
     * position where a cut is allowed (the chunk's byte {@code MIN_SIZE - 1}) the seed has just left the 64-byte
     * window. From there on the digest at a position is the Rabin fingerprint of the 64 bytes ending there and
     * nothing else: the chunk ends after the first such position whose fingerprint has 20 low zero bits, or at
     * {@code MAX_SIZE}. That lets the search run four rolling hashes side by side over consecutive stretches (each
     * started from the 64 bytes before its stretch): one rolling hash is a chain of dependent table lookups that
     * leaves the CPU mostly waiting, four interleave.
     *
     * @return the chunk's length, or 0 at the end of the stream
     */
    private int nextLength(ChunkBuffer into) throws IOException {
        if (!fillTo(into, MIN_SIZE)) {
            return filled; // no cut before MIN_SIZE: a shorter rest is the last chunk
        }
        int p = MIN_SIZE - 1; // the next position to test
        while (true) {
            int limit = Math.min(filled, MAX_SIZE);
            if (p >= limit) {
                if (limit == MAX_SIZE) {
                    return MAX_SIZE;
                }
                if (!fillTo(into, filled + 1)) {
                    return filled;
                }
                continue;
            }
            int lane = Math.min(LANE, (limit - p) / 4);
            int cut;
            if (lane >= WINDOW) {
                cut = scan4(p, lane);
                p += 4 * lane;
            } else {
                cut = scan1(p, limit);
                p = limit;
            }
            if (cut > 0) {
                return cut;
            }
        }
    }

    /** The fingerprint of the 64 bytes before {@code position}. */
    private long fingerprintBefore(int position) {
        long[] mod = modTable;
        byte[] buf = chunk;
        long digest = 0;
        for (int i = position - WINDOW; i < position; i++) {
            digest = ((digest << 8) | (buf[i] & 0xff)) ^ mod[(int) (digest >>> polShift)];
        }
        return digest;
    }

    /** Tests positions {@code [from, limit)}; returns the chunk length at the first match, or -1. */
    private int scan1(int from, int limit) {
        long[] out = outTable;
        long[] mod = modTable;
        byte[] buf = chunk;
        int shift = polShift;
        long d = fingerprintBefore(from);
        for (int p = from; p < limit; p++) {
            d ^= out[buf[p - WINDOW] & 0xff];
            d = ((d << 8) | (buf[p] & 0xff)) ^ mod[(int) (d >>> shift)];
            if ((d & SPLIT_MASK) == 0) {
                return p + 1;
            }
        }
        return -1;
    }

    /**
     * Tests the {@code 4 * lane} positions from {@code from} as four stretches of {@code lane}, one rolling hash each,
     * side by side; returns the chunk length at the first match (the earliest stretch's earliest), or -1.
     */
    private int scan4(int from, int lane) {
        long[] out = outTable;
        long[] mod = modTable;
        byte[] buf = chunk;
        int shift = polShift;
        long d0 = fingerprintBefore(from);
        long d1 = fingerprintBefore(from + lane);
        long d2 = fingerprintBefore(from + 2 * lane);
        long d3 = fingerprintBefore(from + 3 * lane);
        int cut1 = -1;
        int cut2 = -1;
        int cut3 = -1;
        for (int p = from, end = from + lane; p < end; p++) {
            int q1 = p + lane;
            int q2 = q1 + lane;
            int q3 = q2 + lane;
            d0 ^= out[buf[p - WINDOW] & 0xff];
            d1 ^= out[buf[q1 - WINDOW] & 0xff];
            d2 ^= out[buf[q2 - WINDOW] & 0xff];
            d3 ^= out[buf[q3 - WINDOW] & 0xff];
            d0 = ((d0 << 8) | (buf[p] & 0xff)) ^ mod[(int) (d0 >>> shift)];
            d1 = ((d1 << 8) | (buf[q1] & 0xff)) ^ mod[(int) (d1 >>> shift)];
            d2 = ((d2 << 8) | (buf[q2] & 0xff)) ^ mod[(int) (d2 >>> shift)];
            d3 = ((d3 << 8) | (buf[q3] & 0xff)) ^ mod[(int) (d3 >>> shift)];
            if (((d0 & SPLIT_MASK) == 0) | ((d1 & SPLIT_MASK) == 0) | ((d2 & SPLIT_MASK) == 0)
                    | ((d3 & SPLIT_MASK) == 0)) {
                if ((d0 & SPLIT_MASK) == 0) {
                    return p + 1;
                }
                if ((d1 & SPLIT_MASK) == 0 && cut1 < 0) {
                    cut1 = q1 + 1;
                }
                if ((d2 & SPLIT_MASK) == 0 && cut2 < 0) {
                    cut2 = q2 + 1;
                }
                if ((d3 & SPLIT_MASK) == 0 && cut3 < 0) {
                    cut3 = q3 + 1;
                }
            }
        }
        return cut1 > 0 ? cut1 : cut2 > 0 ? cut2 : cut3;
    }

    /** Reads until at least {@code count} bytes are buffered; false if the stream ends first. */
    private boolean fillTo(ChunkBuffer into, int count) throws IOException {
        while (filled < count) {
            if (eof || in == null) {
                return false;
            }
            if (chunk.length < filled + READ_SIZE) {
                chunk = into.capacity(filled + READ_SIZE, filled);
            }
            int n = in.read(chunk, filled, READ_SIZE);
            if (n < 0) {
                eof = true;
                return false;
            }
            filled += n;
        }
        return true;
    }
}
