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
     * The 64-byte key for a password. The {@code p} lanes run on up to as many threads as there are processors, each
     * with its own {@code 128·r·N}-byte table outside the heap, as long as the tables take at most three quarters of
     * the heap's size (the JVM's default limit for such memory): opening restic's 500 ms of scrypt work then takes
     * about half of that on two cores.
     */
    public byte[] derive(byte[] password, byte[] salt) {
        long table = 128L * r * n;
        long fit = Math.max(1, Runtime.getRuntime().maxMemory() / 4 * 3 / table);
        int threads = (int) Math.min(Runtime.getRuntime().availableProcessors(), fit);
        return Scrypt.derive(password, salt, n, r, p, 64, threads);
    }
}
