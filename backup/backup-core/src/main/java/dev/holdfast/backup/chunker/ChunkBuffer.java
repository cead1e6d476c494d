package dev.holdfast.backup.chunker;

/**
 * A reusable holder for one chunk: {@link Chunker#next(ChunkBuffer)} copies a chunk into it, growing it in MiB
 * steps up to {@link Chunker#MAX_SIZE}, so that a backup reuses a few buffers instead of making an array per chunk.
 */
public final class ChunkBuffer {

    private static final int STEP = 1024 * 1024;

    private byte[] bytes = new byte[0];
    private int length;

    /** The chunk is {@code bytes()[0 .. length())}; the array may be longer. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Drops the array if it is larger than {@code keep} bytes, so that a pool of buffers keeps only common sizes. */
    public void shrinkTo(int keep) {
        if (bytes.length > keep) {
            bytes = new byte[0];
            length = 0;
        }
    }

    void set(byte[] source, int count) {
        if (bytes.length < count) {
            bytes = new byte[Math.min(Chunker.MAX_SIZE, (count + STEP - 1) / STEP * STEP)];
        }
        System.arraycopy(source, 0, bytes, 0, count);
        length = count;
    }
}
