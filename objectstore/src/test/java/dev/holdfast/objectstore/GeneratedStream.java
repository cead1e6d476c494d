package dev.holdfast.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code size} pseudo-random bytes from {@code seed}, produced as read (nothing is held in memory), with their SHA-256
 * computed on the way; optionally failing with an {@link IOException} after {@code failAfter} bytes, like an upload
 * whose source breaks. Not thread-safe.
 */
public final class GeneratedStream extends InputStream {

    private final long size;
    private final long failAfter;
    private final MessageDigest digest;
    private long state;
    private long position;

    private GeneratedStream(long size, long seed, long failAfter) {
        this.size = size;
        this.failAfter = failAfter;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        this.digest = sha256();
    }

    public static GeneratedStream of(long size, long seed) {
        return new GeneratedStream(size, seed, Long.MAX_VALUE);
    }

    /** A stream of nominally {@code size} bytes that throws after {@code failAfter} of them. */
    public static GeneratedStream failingAfter(long size, long seed, long failAfter) {
        return new GeneratedStream(size, seed, failAfter);
    }

    /** The SHA-256 of what {@code of(size, seed)} produces. */
    public static byte[] digestOf(long size, long seed) throws IOException {
        try (GeneratedStream stream = of(size, seed)) {
            stream.transferTo(OutputStreamSink.INSTANCE);
            return stream.digest();
        }
    }

    /** SHA-256 of the bytes handed out so far; call it once, at the end. */
    public byte[] digest() {
        return digest.digest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= failAfter) {
            throw new IOException("generated failure after " + position + " bytes");
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, Math.min(size, failAfter) - position);
        for (int i = 0; i < n; i++) {
            if (((position + i) & 7) == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            b[off + i] = (byte) (state >>> (((position + i) & 7) * 8));
        }
        digest.update(b, off, n);
        position += n;
        return n;
    }

    /** SHA-256 of everything {@code in} yields, read in 1 MiB steps. */
    public static byte[] digestOf(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
