package dev.holdfast.backup.repository.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.holdfast.backup.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;

/** zstd frames as restic writes and reads them; frames may lack a content size and may be concatenated. */
public final class Compressor {

    /** Level for {@code auto}: about restic's SpeedDefault. */
    public static final int DEFAULT_LEVEL = 3;
    /**
     * Level for data blobs under {@code auto}: C zstd's level 3 compresses text at about half the speed of restic's
     * (Go) SpeedDefault; level 1 is 1.6x faster here and within a few percent of level 3's ratio.
     */
    public static final int DATA_LEVEL = 1;
    /** Level for {@code max}; its window stays within 8 MiB for blobs of at most 8 MiB. */
    public static final int MAX_LEVEL = 19;

    /**
     * Compression contexts and output buffers for reuse: a fresh context and output array per multi-MiB blob cost
     * native allocations and heap churn. Shared by all threads, at most one per concurrent compression; contexts
     * are never closed (zstd-jni has no cleaner, and a per-thread context would leak with its thread).
     */
    private static final ConcurrentLinkedDeque<Scratch> SCRATCH = new ConcurrentLinkedDeque<>();

    private static final class Scratch {
        final ZstdCompressCtx context = new ZstdCompressCtx();
        byte[] output = new byte[0];
    }

    /** Receives a compressed frame in a buffer that is reused after it returns (and may be changed until then). */
    @FunctionalInterface
    public interface FrameConsumer<T> {
        @Nullable T accept(byte[] frame, int length);
    }

    private Compressor() {}

    /**
     * Compresses {@code data[offset .. offset+length)} and hands the frame to {@code consumer}, which must not keep
     * the buffer.
     */
    public static <T> @Nullable T compress(byte[] data, int offset, int length, int level,
            FrameConsumer<T> consumer) {
        Scratch scratch = SCRATCH.pollFirst();
        if (scratch == null) {
            scratch = new Scratch();
        }
        try {
            int bound = (int) Zstd.compressBound(length);
            if (scratch.output.length < bound) { // in MiB steps, so that growing blob sizes do not regrow it often
                scratch.output = new byte[(int) Math.min(Integer.MAX_VALUE - 8, (bound + (1L << 20) - 1) >> 20 << 20)];
            }
            scratch.context.setLevel(level);
            int frame = scratch.context.compressByteArray(scratch.output, 0, bound, data, offset, length);
            return consumer.accept(scratch.output, frame);
        } finally {
            SCRATCH.offerFirst(scratch);
        }
    }

    /** Decompresses a blob whose plaintext length is known from the pack header or index. */
    public static byte[] decompress(byte[] frame, int uncompressedLength) {
        try {
            byte[] out = Zstd.decompress(frame, uncompressedLength);
            if (out.length != uncompressedLength) {
                throw new IntegrityException("decompressed " + out.length + " bytes, expected " + uncompressedLength);
            }
            return out;
        } catch (RuntimeException e) {
            if (e instanceof IntegrityException) {
                throw e;
            }
            throw new IntegrityException("cannot decompress blob: " + e.getMessage(), e);
        }
    }

    /**
     * Decompresses {@code frame[0 .. length)} into {@code out}, which holds at least {@code uncompressedLength} bytes,
     * with a context the caller reuses. @return {@code uncompressedLength}
     */
    public static int decompress(ZstdDecompressCtx context, byte[] frame, int length, byte[] out,
            int uncompressedLength) {
        return decompress(context, frame, 0, length, out, uncompressedLength);
    }

    /** As {@link #decompress(ZstdDecompressCtx, byte[], int, byte[], int)} for a frame at {@code frame[offset ..]}. */
    public static int decompress(ZstdDecompressCtx context, byte[] frame, int offset, int length, byte[] out,
            int uncompressedLength) {
        int got;
        try {
            got = context.decompressByteArray(out, 0, uncompressedLength, frame, offset, length);
        } catch (RuntimeException e) {
            throw new IntegrityException("cannot decompress blob: " + e.getMessage(), e);
        }
        if (got != uncompressedLength) {
            throw new IntegrityException("decompressed " + got + " bytes, expected " + uncompressedLength);
        }
        return got;
    }

    /**
     * A stream of the decompressed frames (of unknown total length: index, snapshot and lock files) in {@code frames}
     * from {@code offset}; a damaged frame surfaces as an {@link IOException} while reading.
     */
    public static InputStream decompressingStream(byte[] frames, int offset) {
        try {
            return new ZstdInputStream(new ByteArrayInputStream(frames, offset, frames.length - offset));
        } catch (IOException e) {
            throw new IntegrityException("cannot decompress: " + e.getMessage(), e);
        }
    }

    /**
     * A stream that compresses what is written to it into one zstd frame (no content size in its header, as the
     * length is not known in advance; restic reads such frames) written to {@code out} as it goes; closing it ends the
     * frame and closes {@code out}.
     */
    public static OutputStream compressingStream(OutputStream out, int level) {
        try {
            return new ZstdOutputStreamNoFinalizer(out, level);
        } catch (IOException e) {
            throw new IllegalStateException("zstd: " + e.getMessage(), e);
        }
    }
}
