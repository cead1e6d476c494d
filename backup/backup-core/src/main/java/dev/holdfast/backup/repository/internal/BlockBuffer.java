package dev.holdfast.backup.repository.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes gathered in blocks, for a file whose size is only known once written (a compressed index file): growing never
 * copies what is there, as a doubling array does (holding the old and the new array at once), and the whole is
 * copied out once, into an array of its exact size. Blocks start at 4 KiB (a lock file fits) and double up to 1 MiB.
 * Not thread-safe.
 */
public final class BlockBuffer extends OutputStream {

    private static final int FIRST_BLOCK = 4 * 1024;
    private static final int MAX_BLOCK = 1024 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] last = new byte[0];
    private int inLast;
    private long size;

    @Override
    public void write(int b) {
        if (inLast == last.length) {
            addBlock();
        }
        last[inLast++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (inLast == last.length) {
                addBlock();
            }
            int n = Math.min(len, last.length - inLast);
            System.arraycopy(b, off, last, inLast, n);
            inLast += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private void addBlock() {
        int length = (int) Math.clamp(size, FIRST_BLOCK, MAX_BLOCK);
        if (size + length > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("a file of more than 2 GiB");
        }
        last = new byte[length];
        blocks.add(last);
        inLast = 0;
    }

    public int size() {
        return (int) size;
    }

    /** Copies everything written to {@code target} from {@code offset} on. */
    public void copyTo(byte[] target, int offset) {
        long left = size;
        for (byte[] block : blocks) {
            int n = (int) Math.min(left, block.length);
            System.arraycopy(block, 0, target, offset, n);
            offset += n;
            left -= n;
        }
    }
}
