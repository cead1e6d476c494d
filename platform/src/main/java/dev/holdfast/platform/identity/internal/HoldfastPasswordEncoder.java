package dev.holdfast.platform.identity.internal;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.NativeLong;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * <p>Three implementations compute the same strings, so a database moves freely between them; the first that
 * loads and fits is used:
 * <ol>
 *   <li>libsodium (bundled in lazysodium-java), for one lane (the default): its Argon2 picks AVX2/AVX-512/SSSE3
 *       code for the processor at run time, which costs about half the CPU of the portable reference code
 *       (bench/identity), and it maps each hash's memory freshly and returns it at once, so hashing leaves no
 *       freed blocks behind in the process's malloc arenas;</li>
 *   <li>the Argon2 reference implementation (native, portable C, through argon2-jvm), for more than one lane, or
 *       where libsodium does not load;</li>
 *   <li>BouncyCastle's Java implementation (Spring's {@link Argon2PasswordEncoder}) where neither loads.</li>
 * </ol>
 *
 * <p>A stored hash made with any other parameters, weaker or stronger, is re-hashed at the next successful sign-in
 * (Spring Security calls {@link #upgradeEncoding} and then {@link Passwords#updatePassword}), so changing the
 * settings converges every active account onto them.
 *
 * <p>Argon2 is memory-hard by design, so at most two hashes per core run at once; further sign-ins wait for a turn
 * instead of multiplying memory (7 MiB each by default).
 */
final class HoldfastPasswordEncoder implements PasswordEncoder {

    private static final Logger log = LoggerFactory.getLogger(HoldfastPasswordEncoder.class);
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    /** libsodium's {@code crypto_pwhash_STRBYTES}: room for any PHC string it writes, NUL included. */
    private static final int SODIUM_STRING_BYTES = 128;

    /** Which code computes the hashes. */
    enum Implementation { LIBSODIUM, REFERENCE, JAVA }

    private final String prefix;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Argon2PasswordEncoder java;
    private final @Nullable SodiumJava sodium;
    private final @Nullable Argon2Advanced reference;
    private final Semaphore turns = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), true);

    HoldfastPasswordEncoder(PasswordPolicySettings settings) {
        this(settings.hashMemoryKib(), settings.hashIterations(), settings.hashParallelism(), true);
    }

    HoldfastPasswordEncoder(int memoryKib, int iterations, int parallelism, boolean allowNative) {
        this(memoryKib, iterations, parallelism, allowNative, allowNative);
    }

    HoldfastPasswordEncoder(int memoryKib, int iterations, int parallelism, boolean allowSodium, boolean allowReference) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.prefix = "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$";
        this.java = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
        this.sodium = allowSodium ? loadSodium(java) : null;
        this.reference = allowReference ? loadReference(java) : null;
        log.info("Passwords are hashed with Argon2id m={} KiB, t={}, p={} by {}", memoryKib, iterations, parallelism,
                implementation());
    }

    private static @Nullable SodiumJava loadSodium(Argon2PasswordEncoder java) {
        try {
            SodiumJava sodium = new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
            if (sodium.sodium_init() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
            byte[] out = new byte[SODIUM_STRING_BYTES];
            byte[] probe = "probe".getBytes(StandardCharsets.UTF_8);
            if (sodium.crypto_pwhash_str(out, probe, probe.length, 1, new NativeLong(64 * 1024)) != 0
                    || !java.matches("probe", cString(out))) {
                throw new IllegalStateException("libsodium's Argon2id hash does not verify with BouncyCastle");
            }
            return sodium;
        } catch (RuntimeException | LinkageError e) {
            log.info("libsodium is not available here ({}); passwords are hashed by another Argon2 implementation", e.toString());
            return null;
        }
    }

    private static @Nullable Argon2Advanced loadReference(Argon2PasswordEncoder java) {
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
            String probe = argon2.hash(1, 64, 1, "probe".toCharArray());
            if (!java.matches("probe", probe)) {
                throw new IllegalStateException("the native Argon2 hash does not verify with BouncyCastle");
            }
            return argon2;
        } catch (RuntimeException | LinkageError e) {
            log.info("Native Argon2 (argon2-jvm) is not available here ({})", e.toString());
            return null;
        }
    }

    /** The code that computes new hashes with the configured parameters. */
    Implementation implementation() {
        if (sodium != null && parallelism == 1) {
            return Implementation.LIBSODIUM;
        }
        return reference != null ? Implementation.REFERENCE : Implementation.JAVA;
    }

    /** Whether hashes are computed by native code. */
    boolean isNative() {
        return implementation() != Implementation.JAVA;
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        if (rawPassword == null) {
            return null;
        }
        SodiumJava sodium = this.sodium;
        Argon2Advanced reference = this.reference;
        return inTurn(() -> {
            if (sodium != null && parallelism == 1) {
                return sodiumHash(sodium, rawPassword);
            }
            return reference != null
                    ? reference.hash(iterations, memoryKib, parallelism, rawPassword.toString().toCharArray())
                    : java.encode(rawPassword);
        });
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
            return false;
        }
        SodiumJava sodium = this.sodium;
        Argon2Advanced reference = this.reference;
        return inTurn(() -> {
            try {
                if (sodium != null && encodedPassword.contains(",p=1$")) {
                    byte[] password = utf8(rawPassword);
                    try {
                        return sodium.crypto_pwhash_str_verify(cString(encodedPassword), password, password.length) == 0;
                    } finally {
                        Arrays.fill(password, (byte) 0);
                    }
                }
                if (reference != null) {
                    return reference.verify(encodedPassword, rawPassword.toString().toCharArray());
                }
                return java.matches(rawPassword, encodedPassword);
            } catch (RuntimeException malformed) {
                return false;
            }
        });
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return encodedPassword != null && !encodedPassword.startsWith(prefix);
    }

    private String sodiumHash(SodiumJava sodium, CharSequence rawPassword) {
        byte[] out = new byte[SODIUM_STRING_BYTES];
        byte[] password = utf8(rawPassword);
        try {
            if (sodium.crypto_pwhash_str(out, password, password.length, iterations, new NativeLong(memoryKib * 1024L)) != 0) {
                throw new IllegalStateException("libsodium could not hash the password (out of memory?)");
            }
            return cString(out);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] utf8(CharSequence text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    private static byte[] cString(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
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
