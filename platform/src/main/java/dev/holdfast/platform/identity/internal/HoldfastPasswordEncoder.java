package dev.holdfast.platform.identity.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id (16-byte salt, 32-byte hash) with the configured memory, passes and lanes. A stored hash made with any
 * other parameters, weaker or stronger, is re-hashed at the next successful sign-in (Spring Security calls
 * {@link #upgradeEncoding} and then {@link Passwords#updatePassword}), so changing the settings converges every
 * active account onto them.
 */
final class HoldfastPasswordEncoder extends Argon2PasswordEncoder {

    private final String prefix;

    HoldfastPasswordEncoder(PasswordPolicySettings settings) {
        super(16, 32, settings.hashParallelism(), settings.hashMemoryKib(), settings.hashIterations());
        this.prefix = "$argon2id$v=19$m=" + settings.hashMemoryKib() + ",t=" + settings.hashIterations() + ",p="
                + settings.hashParallelism() + "$";
    }

    @Override
    protected boolean upgradeEncodingNonNull(String encodedPassword) {
        return !encodedPassword.startsWith(prefix);
    }
}
