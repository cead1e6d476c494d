package dev.holdfast.platform.identity.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the identity module.
 *
 * @param setupLinkTtl how long the first-run setup link works ({@code HOLDFAST_IDENTITY_SETUP_LINK_TTL}, default 1h)
 * @param bruteForce the brute-force defence ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_*})
 * @param auditRetention how long audit events are kept ({@code HOLDFAST_IDENTITY_AUDIT_RETENTION}, default 365d);
 *     pruning keeps the chain verifiable from the oldest event kept
 */
@ConfigurationProperties("holdfast.identity")
record IdentitySettings(@Nullable Duration setupLinkTtl, @Nullable BruteForce bruteForce, @Nullable Duration auditRetention) {

    /**
     * Brute-force defence, on by default.
     *
     * @param enabled whether it is on ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_ENABLED}, default true)
     * @param lockoutFailures failed sign-ins in a row after which an account is locked
     *     ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_LOCKOUT_FAILURES}, default 10)
     * @param lockoutDuration how long a locked account stays locked unless an administrator unlocks it
     *     ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_LOCKOUT_DURATION}, default 15m)
     * @param delayAfter failures (of the account or the client address) after which each answer is delayed
     *     ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_DELAY_AFTER}, default 3)
     * @param maxDelay the longest delay; delays double from 250 ms up to it
     *     ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_MAX_DELAY}, default 8s)
     * @param attemptsPerMinute sign-in and setup attempts one client address may make per minute on one node
     *     ({@code HOLDFAST_IDENTITY_BRUTE_FORCE_ATTEMPTS_PER_MINUTE}, default 30)
     */
    record BruteForce(@Nullable Boolean enabled, @Nullable Integer lockoutFailures, @Nullable Duration lockoutDuration,
            @Nullable Integer delayAfter, @Nullable Duration maxDelay, @Nullable Integer attemptsPerMinute) {

        BruteForce {
            enabled = enabled == null || enabled;
            lockoutFailures = lockoutFailures == null ? 10 : lockoutFailures;
            lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
            delayAfter = delayAfter == null ? 3 : delayAfter;
            maxDelay = maxDelay == null ? Duration.ofSeconds(8) : maxDelay;
            attemptsPerMinute = attemptsPerMinute == null ? 30 : attemptsPerMinute;
        }

        static BruteForce defaults() {
            return new BruteForce(null, null, null, null, null, null);
        }

        /** How long to wait before answering, after this many failures. */
        Duration delayFor(int failures) {
            if (failures < delayAfter) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - delayAfter, 20);
            Duration delay = Duration.ofMillis(250L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    IdentitySettings {
        bruteForce = bruteForce == null ? BruteForce.defaults() : bruteForce;
        auditRetention = auditRetention == null ? Duration.ofDays(365) : auditRetention;
        if (auditRetention.isNegative() || auditRetention.isZero()) {
            throw new dev.holdfast.platform.shared.settings.InvalidSettingException("HOLDFAST_IDENTITY_AUDIT_RETENTION",
                    auditRetention.toString(), "a positive duration such as 365d");
        }
        setupLinkTtl = setupLinkTtl == null ? Duration.ofHours(1) : setupLinkTtl;
        if (setupLinkTtl.isNegative() || setupLinkTtl.isZero()) {
            throw new dev.holdfast.platform.shared.settings.InvalidSettingException("HOLDFAST_IDENTITY_SETUP_LINK_TTL",
                    setupLinkTtl.toString(), "a positive duration such as 30m or 2h");
        }
    }
}
