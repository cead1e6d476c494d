package dev.holdfast.platform.identity.internal;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id (16-byte salt, 32-byte hash) with the configured memory, passes and lanes, as PHC strings
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}).
 *
 * <p>The hash is computed by the Argon2 reference implementation (native, through argon2-jvm) when it loads on this
 * platform, else by BouncyCastle's Java implementation (Spring's {@link Argon2PasswordEncoder}); both read and
 * write the same strings, so a database moves freely between the two. The native code costs about two thirds of
 * the CPU per hash (bench/identity), and the hash is most of what a sign-in costs.
 *
 * <p>A stored hash made with any other parameters, weaker or stronger, is re-hashed at the next successful sign-in
 * (Spring Security calls {@link #upgradeEncoding} and then {@link Passwords#updatePassword}), so changing the
 * settings converges every active account onto them.
 *
 * <p>Argon2 is memory-hard by design, so at most two hashes per core run at once; further sign-ins wait for a turn
 * instead of multiplying memory (19 MiB each by default).
 */
final class HoldfastPasswordEncoder implements PasswordEncoder {

    private static final Logger log = LoggerFactory.getLogger(HoldfastPasswordEncoder.class);
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final String prefix;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Argon2PasswordEncoder java;
    private final @Nullable Argon2Advanced nativeArgon2;
    private final Semaphore turns = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), true);

    HoldfastPasswordEncoder(PasswordPolicySettings settings) {
        this(settings.hashMemoryKib(), settings.hashIterations(), settings.hashParallelism(), true);
    }

    HoldfastPasswordEncoder(int memoryKib, int iterations, int parallelism, boolean allowNative) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.prefix = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$";
        this.java = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
        this.nativeArgon2 = allowNative ? loadNative(java) : null;
    }

    private static @Nullable Argon2Advanced loadNative(Argon2PasswordEncoder java) {
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
            String probe = argon2.hash(1, 64, 1, "probe".toCharArray());
            if (!java.matches("probe", probe)) {
                throw new IllegalStateException("the native Argon2 hash does not verify with BouncyCastle");
            }
            return argon2;
        } catch (RuntimeException | LinkageError e) {
            log.info("Native Argon2 is not available here ({}); passwords are hashed with BouncyCastle", e.toString());
            return null;
        }
    }

    /** Whether hashes are computed by the native reference implementation. */
    boolean isNative() {
        return nativeArgon2 != null;
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        if (rawPassword == null) {
            return null;
        }
        Argon2Advanced argon2 = nativeArgon2;
        return inTurn(() -> argon2 != null
                ? argon2.hash(iterations, memoryKib, parallelism, rawPassword.toString().toCharArray())
                : java.encode(rawPassword));
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
            return false;
        }
        Argon2Advanced argon2 = nativeArgon2;
        return inTurn(() -> {
            if (argon2 == null) {
                return java.matches(rawPassword, encodedPassword);
            }
            try {
                return argon2.verify(encodedPassword, rawPassword.toString().toCharArray());
            } catch (RuntimeException malformed) {
                return false;
            }
        });
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return encodedPassword != null && !encodedPassword.startsWith(prefix);
    }

    private <T> T inTurn(Supplier<T> hashing) {
        turns.acquireUninterruptibly();
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }
}
