package dev.holdfast.backup.chunker;

/**
 * A reusable holder for one chunk: {@link Chunker#next(ChunkBuffer)} reads a chunk into it, growing it in MiB steps
 * up to {@link Chunker#MAX_SIZE} and a read, so that a backup reuses a few buffers instead of making an array per
 * chunk.
 */
public final class ChunkBuffer {

    private static final int STEP = 1024 * 1024;
    /** A maximum-size chunk and one read past it, in whole steps. */
    private static final int LARGEST = 9 * STEP;

    private byte[] bytes = new byte[0];
    private int length;

    /** The chunk is {@code bytes()[0 .. length())}; the array may be longer. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /**
     * Replaces the array by one of {@code keep} bytes if it is larger, so that a pool of buffers keeps only common
     * sizes.
     */
    public void shrinkTo(int keep) {
        if (bytes.length > keep) {
            bytes = new byte[keep];
            length = 0;
        }
    }

    /**
     * The array, at least {@code size} bytes long (grown to twice its length or more, in whole MiB, up to
     * {@link Chunker#MAX_SIZE} plus the chunker's read-ahead), with its first {@code keep} bytes kept.
     */
    byte[] capacity(int size, int keep) {
        if (bytes.length < size) {
            // doubling: a chunk read 256 KiB at a time into a buffer grown a MiB at a time was copied again and
            // again (680 MB allocated in a 2 GiB backup)
            int steps = Math.max((size + STEP - 1) / STEP, Math.min(2 * bytes.length, LARGEST) / STEP);
            byte[] grown = new byte[steps * STEP];
            System.arraycopy(bytes, 0, grown, 0, keep);
            bytes = grown;
        }
        return bytes;
    }

    void setLength(int count) {
        length = count;
    }
}
