package dev.holdfast.backup.repository;

import dev.holdfast.backup.repository.internal.crypto.Scrypt;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt cost parameters of a key file. restic reads any valid N, r, p; {@link #calibrated()} picks them as restic
 * does (r = 8, N = 32768 so that 128·r·N stays under 60 MiB, p raised until one derivation takes about 500 ms).
 */
public record KdfParams(int n, int r, int p) {

    public KdfParams {
        if (n <= 1 || Integer.bitCount(n) != 1 || r < 1 || p < 1 || (long) r * p >= (1L << 30)) {
            throw new IllegalArgumentException("invalid scrypt parameters N=" + n + " r=" + r + " p=" + p);
        }
    }

    /** restic's calibration target: about 500 ms per derivation within 60 MiB. */
    public static KdfParams calibrated() {
        byte[] salt = new byte[64];
        long start = System.nanoTime();
        SCrypt.generate(new byte[8], salt, 32768, 8, 1, 64);
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        int p = (int) Math.max(1, Math.min(16, 500 / millis));
        return new KdfParams(32768, 8, p);
    }

    /**
     * System property capping the threads {@link #derive} uses; the CLI's launcher sets it to 1. Each thread holds a
     * {@code 128·r·N}-byte table (32 MiB for restic's keys), and in a freshly started JVM a second one bought nothing
     * on a 2-core machine: {@code cat config} 1.01-1.07 s on two threads against 0.98-1.06 s on one (restic's p = 5
     * key), peak RSS 150 against 117 MiB. A warm JVM gains about a fifth (p = 4: 290 against 360 ms).
     */
    public static final String THREADS_PROPERTY = "holdfast.backup.scrypt.threads";

    /**
     * The 64-byte key for a password. The {@code p} lanes run on up to as many threads as there are processors (or
     * {@link #THREADS_PROPERTY} says), each with its own {@code 128·r·N}-byte table outside the heap, as long as the
     * tables take at most three quarters of the heap's size (the JVM's default limit for such memory).
     */
    public byte[] derive(byte[] password, byte[] salt) {
        long table = 128L * r * n;
        long fit = Math.max(1, Runtime.getRuntime().maxMemory() / 4 * 3 / table);
        int cap = Math.max(1, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
        int threads = (int) Math.min(Math.min(Runtime.getRuntime().availableProcessors(), cap), fit);
        return Scrypt.derive(password, salt, n, r, p, 64, threads);
    }
}
