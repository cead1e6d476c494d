package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The password policy and how passwords are hashed ({@code HOLDFAST_IDENTITY_PASSWORD_*}).
 *
 * @param minLength fewest characters ({@code HOLDFAST_IDENTITY_PASSWORD_MIN_LENGTH}, default 12, 8 to 128)
 * @param characterClasses how many of lower case, upper case, digits and other characters a password must mix
 *     ({@code HOLDFAST_IDENTITY_PASSWORD_CHARACTER_CLASSES}, default 0 = no rule, up to 4)
 * @param minScore the lowest zxcvbn strength score accepted, 0 (anything) to 4 (very strong)
 *     ({@code HOLDFAST_IDENTITY_PASSWORD_MIN_SCORE}, default 3)
 * @param breachedList a file of breached passwords the administrator supplies: one plain password per line, or the
 *     Have I Been Pwned download ({@code SHA1-HEX:count} lines, sorted by hash); unset means no breach check
 *     ({@code HOLDFAST_IDENTITY_PASSWORD_BREACHED_LIST})
 * @param history how many earlier passwords of a user may not be chosen again
 *     ({@code HOLDFAST_IDENTITY_PASSWORD_HISTORY}, default 5, 0 = no rule)
 * @param maxAge after how long a password must be changed at the next sign-in
 *     ({@code HOLDFAST_IDENTITY_PASSWORD_MAX_AGE}, e.g. 90d; unset = passwords do not expire)
 * @param hashMemory Argon2id memory per hash ({@code HOLDFAST_IDENTITY_PASSWORD_HASH_MEMORY}, default 7MB = 7,168 KiB, Keycloak's default)
 * @param hashIterations Argon2id passes ({@code HOLDFAST_IDENTITY_PASSWORD_HASH_ITERATIONS}, default 5)
 * @param hashParallelism Argon2id lanes ({@code HOLDFAST_IDENTITY_PASSWORD_HASH_PARALLELISM}, default 1)
 */
@ConfigurationProperties("holdfast.identity.password")
record PasswordPolicySettings(@Nullable Integer minLength, @Nullable Integer characterClasses, @Nullable Integer minScore,
        @Nullable Path breachedList, @Nullable Integer history, @Nullable Duration maxAge, @Nullable DataSize hashMemory,
        @Nullable Integer hashIterations, @Nullable Integer hashParallelism) {

    /** Longest password accepted; Argon2 does not care, but a megabyte form field is not a password. */
    static final int MAX_LENGTH = 256;

    PasswordPolicySettings {
        minLength = within("MIN_LENGTH", minLength, 12, 8, 128);
        characterClasses = within("CHARACTER_CLASSES", characterClasses, 0, 0, 4);
        minScore = within("MIN_SCORE", minScore, 3, 0, 4);
        history = within("HISTORY", history, 5, 0, 100);
        hashIterations = within("HASH_ITERATIONS", hashIterations, 5, 1, 100);
        hashParallelism = within("HASH_PARALLELISM", hashParallelism, 1, 1, 64);
        hashMemory = hashMemory == null ? DataSize.ofMegabytes(7) : hashMemory;
        if (hashMemory.toKilobytes() < 8L * hashParallelism || hashMemory.toMegabytes() > 4096) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_PASSWORD_HASH_MEMORY", hashMemory.toString(),
                    "a size from 8KB per lane up to 4GB, e.g. 7MB or 64MB");
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_PASSWORD_MAX_AGE", maxAge.toString(),
                    "a positive duration such as 90d, or nothing for passwords that do not expire");
        }
        if (breachedList != null && !Files.isReadable(breachedList)) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_PASSWORD_BREACHED_LIST", breachedList.toString(),
                    "the path of a readable file of breached passwords (plain lines or HIBP SHA1:count lines)");
        }
    }

    static PasswordPolicySettings defaults() {
        return new PasswordPolicySettings(null, null, null, null, null, null, null, null, null);
    }

    int hashMemoryKib() {
        return (int) hashMemory.toKilobytes();
    }

    private static int within(String name, @Nullable Integer value, int fallback, int min, int max) {
        int chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_PASSWORD_" + name, Integer.toString(chosen),
                    "a whole number from " + min + " to " + max);
        }
        return chosen;
    }
}
