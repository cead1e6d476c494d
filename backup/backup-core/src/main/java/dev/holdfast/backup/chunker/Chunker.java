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
    private static final long SPLIT_MASK = (1L << 20) - 1;
    private static final int READ_SIZE = 512 * 1024;

    private final long[] outTable = new long[256];
    private final long[] modTable = new long[256];
    private final int polShift;
    private final byte[] window = new byte[WINDOW];
    private final byte[] buffer = new byte[READ_SIZE];
    private byte[] chunk = new byte[MIN_SIZE];
    private @Nullable InputStream in;
    private int bufferPos;
    private int bufferEnd;
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
        bufferPos = 0;
        bufferEnd = 0;
        eof = false;
    }

    /** The next chunk as a fresh array, or null at the end of the stream. */
    public byte @Nullable [] next() throws IOException {
        int length = 0;
        int pre = MIN_SIZE - WINDOW;
        Arrays.fill(window, (byte) 0);
        window[0] = 1; // the seed byte slid in at every reset: digest = 1, wpos = 1
        long digest = 1;
        int wpos = 1;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                return length == 0 ? null : Arrays.copyOf(chunk, length);
            }
            if (length < pre) {
                int n = Math.min(pre - length, bufferEnd - bufferPos);
                append(bufferPos, n, length);
                length += n;
                bufferPos += n;
                continue;
            }
            int start = bufferPos;
            // no cut before MIN_SIZE bytes, always one at MAX_SIZE: only the digest is tested per byte
            int end = (int) Math.min(bufferEnd, (long) start + (MAX_SIZE - length));
            int firstCut = start + (MIN_SIZE - length) - 1; // index of the byte that makes the chunk MIN_SIZE long
            long[] out = outTable;
            long[] mod = modTable;
            byte[] win = window;
            byte[] buf = buffer;
            int shift = polShift;
            int i = start;
            boolean cut = false;
            for (; i < end; i++) {
                int b = buf[i] & 0xff;
                digest ^= out[win[wpos] & 0xff];
                win[wpos] = (byte) b;
                wpos = (wpos + 1) & (WINDOW - 1);
                digest = ((digest << 8) | b) ^ mod[(int) (digest >>> shift)];
                if ((digest & SPLIT_MASK) == 0 && i >= firstCut) {
                    i++;
                    cut = true;
                    break;
                }
            }
            if (!cut && length + (i - start) >= MAX_SIZE) {
                cut = true;
            }
            append(start, i - start, length);
            length += i - start;
            bufferPos = i;
            if (cut) {
                return Arrays.copyOf(chunk, length);
            }
        }
    }

    private void append(int from, int count, int at) {
        if (at + count > chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(MAX_SIZE, Math.max(at + count, chunk.length * 2)));
        }
        System.arraycopy(buffer, from, chunk, at, count);
    }

    private boolean fill() throws IOException {
        if (eof || in == null) {
            return false;
        }
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }
}
