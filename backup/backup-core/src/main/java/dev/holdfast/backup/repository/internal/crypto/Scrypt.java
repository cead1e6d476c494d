package dev.holdfast.backup.repository.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * scrypt (RFC 7914) with its {@code p} independent lanes run side by side. BouncyCastle's {@code SCrypt} runs them one
 * after another and allocates a fresh {@code 128·r·N}-byte table for each; opening a restic key ({@code p} = 4 to 9,
 * 32 MiB per lane) is most of a short command's time. The result is the same as {@code SCrypt.generate}; the
 * building blocks (PBKDF2-HMAC-SHA256, the Salsa20/8 core) are BouncyCastle's, only the lane loop is ours.
 */
public final class Scrypt {

    private Scrypt() {}

    /**
     * Derives {@code length} bytes, running up to {@code threads} lanes at once (each with its own table, reused for
     * the next lane it takes). A helper thread that finds no memory for its table leaves its lanes to the others.
     */
    public static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length, int threads) {
        if ((long) n * 128 * r > Integer.MAX_VALUE - 8 || (long) p * 128 * r > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "scrypt parameters N=" + n + " r=" + r + " p=" + p + " need too much memory");
        }
        int laneBytes = 128 * r;
        byte[] lanes = pbkdf2(password, salt, p * laneBytes);
        int workers = Math.max(1, Math.min(threads, p));
        AtomicInteger next = new AtomicInteger();
        IntBuffer own = table(n, r); // first, so that a helper short of memory never takes the only table there is
        List<Thread> helpers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 1; i < workers; i++) {
            helpers.add(Thread.ofPlatform().daemon().name("scrypt-" + i).start(() -> {
                try {
                    IntBuffer table;
                    try {
                        table = table(n, r);
                    } catch (OutOfMemoryError e) {
                        return; // no memory for another table: the other workers take this one's lanes
                    }
                    mixLanes(table, lanes, n, r, p, next);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        mixLanes(own, lanes, n, r, p, next);
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("scrypt lane failed", failure.get());
        }
        try {
            return pbkdf2(password, lanes, length);
        } finally {
            Arrays.fill(lanes, (byte) 0); // password-derived, as BouncyCastle clears its own
        }
    }

    /**
     * A lane's table, outside the heap (freed with its buffer at the next collection): two 32 MiB tables do not fit
     * the old generation of the CLI's 96 MiB heap.
     */
    private static IntBuffer table(int n, int r) {
        return ByteBuffer.allocateDirect(128 * r * n).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    /** Takes lanes until none is left, mixing them with {@code table}. */
    private static void mixLanes(IntBuffer table, byte[] lanes, int n, int r, int p, AtomicInteger next) {
        Lane lane = new Lane(n, r, table);
        try {
            for (int i = next.getAndIncrement(); i < p; i = next.getAndIncrement()) {
                lane.mix(lanes, i * 128 * r);
            }
        } finally {
            lane.wipe();
        }
    }

    private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, 1);
        return ((KeyParameter) generator.generateDerivedMacParameters(length * 8)).getKey();
    }

    /** One worker's ROMix state: the table V of N blocks and the scratch of BlockMix (y also holds V[j]). */
    private static final class Lane {
        private final int n;
        private final int r;
        private final int blockInts;
        private final IntBuffer table;
        private final int[] x;
        private final int[] y;
        private final int[] salsa = new int[16];

        Lane(int n, int r, IntBuffer table) {
            this.n = n;
            this.r = r;
            this.blockInts = 32 * r;
            this.table = table;
            this.x = new int[blockInts];
            this.y = new int[blockInts];
        }

        /** ROMix of the {@code 128·r} bytes at {@code offset}, in place. */
        void mix(byte[] bytes, int offset) {
            for (int i = 0; i < blockInts; i++) {
                int at = offset + 4 * i;
                x[i] = bytes[at] & 0xff | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                        | bytes[at + 3] << 24;
            }
            for (int i = 0; i < n; i++) {
                table.put(i * blockInts, x, 0, blockInts);
                blockMix();
            }
            int mask = n - 1;
            for (int i = 0; i < n; i++) {
                int j = x[blockInts - 16] & mask;
                table.get(j * blockInts, y, 0, blockInts);
                for (int k = 0; k < blockInts; k++) {
                    x[k] ^= y[k];
                }
                blockMix();
            }
            for (int i = 0; i < blockInts; i++) {
                int at = offset + 4 * i;
                int v = x[i];
                bytes[at] = (byte) v;
                bytes[at + 1] = (byte) (v >>> 8);
                bytes[at + 2] = (byte) (v >>> 16);
                bytes[at + 3] = (byte) (v >>> 24);
            }
        }

        /** Zeroes the table and the scratch (password-derived) before the memory goes back. */
        void wipe() {
            Arrays.fill(x, 0);
            Arrays.fill(y, 0);
            Arrays.fill(salsa, 0);
            int[] zeros = new int[blockInts];
            for (int i = 0; i < n; i++) {
                table.put(i * blockInts, zeros, 0, blockInts);
            }
        }

        /** BlockMix with Salsa20/8 over x: even output blocks first, then odd ones. */
        private void blockMix() {
            System.arraycopy(x, blockInts - 16, salsa, 0, 16);
            for (int i = 0; i < 2 * r; i++) {
                for (int k = 0; k < 16; k++) {
                    salsa[k] ^= x[i * 16 + k];
                }
                Salsa20Engine.salsaCore(8, salsa, salsa);
                int to = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
                System.arraycopy(salsa, 0, y, to, 16);
            }
            System.arraycopy(y, 0, x, 0, blockInts);
        }
    }
}
