package dev.holdfast.objectstore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a byte range as fixed-size chunks fetched by up to {@code parallelism} virtual threads ahead of the reader, and
 * hands them out in order: a download over several connections at once, as rclone's multi-thread download does.
 * Memory is about {@code (parallelism + 1) * chunkSize}. A chunk's failure is thrown by the read that reaches it
 * (unchecked store exceptions as they are). Not thread-safe; {@link #close()} cancels what is in flight.
 */
public final class PrefetchingInputStream extends InputStream {

    /** Fetches {@code length} bytes at {@code offset}; must return exactly that many. */
    @FunctionalInterface
    public interface ChunkReader {
        byte[] read(long offset, int length) throws IOException;
    }

    private final ChunkReader reader;
    private final long end;
    private final int chunkSize;
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private long nextOffset;
    private byte[] current = new byte[0];
    private int position;

    /**
     * @param offset first byte of the range
     * @param length bytes in the range
     */
    public PrefetchingInputStream(ChunkReader reader, long offset, long length, int chunkSize, int parallelism) {
        this.reader = reader;
        this.end = offset + length;
        this.chunkSize = chunkSize;
        this.nextOffset = offset;
        for (int i = 0; i < parallelism; i++) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        if (nextOffset >= end) {
            return;
        }
        long offset = nextOffset;
        int length = (int) Math.min(chunkSize, end - offset);
        nextOffset += length;
        inFlight.add(executor.submit(() -> {
            byte[] chunk = reader.read(offset, length);
            if (chunk.length != length) {
                throw new IOException("chunk at " + offset + " has " + chunk.length + " bytes, expected " + length);
            }
            return chunk;
        }));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == current.length && !advance()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean advance() throws IOException {
        Future<byte[]> next = inFlight.poll();
        if (next == null) {
            return false;
        }
        try {
            current = next.get();
            position = 0;
            scheduleNext();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IOException("download of a chunk failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        executor.shutdownNow();
        current = new byte[0];
        position = 0;
    }
}
