package dev.holdfast.backup.repository.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.holdfast.backup.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** zstd frames as restic writes and reads them; frames may lack a content size and may be concatenated. */
public final class Compressor {

    /** Level for {@code auto}: about restic's SpeedDefault. */
    public static final int DEFAULT_LEVEL = 3;
    /** Level for {@code max}; its window stays within 8 MiB for blobs of at most 8 MiB. */
    public static final int MAX_LEVEL = 19;

    private Compressor() {}

    public static byte[] compress(byte[] data, int level) {
        return Zstd.compress(data, level);
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

    /** Decompresses frames of unknown total length (index, snapshot and lock files). */
    public static byte[] decompressStream(byte[] frames, int offset) {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(frames, offset, frames.length - offset))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IntegrityException("cannot decompress: " + e.getMessage(), e);
        }
    }
}
