package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a sign-in lasts ({@code HOLDFAST_IDENTITY_SESSION_*}); both limits hold on every request on every node.
 *
 * @param idleTimeout a session without requests for this long ends ({@code HOLDFAST_IDENTITY_SESSION_IDLE_TIMEOUT},
 *     default 30m)
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 *     ({@code HOLDFAST_IDENTITY_SESSION_ABSOLUTE_TIMEOUT}, default 12h)
 */
@ConfigurationProperties("holdfast.identity.session")
record SessionSettings(@Nullable Duration idleTimeout, @Nullable Duration absoluteTimeout) {

    SessionSettings {
        idleTimeout = positive("IDLE_TIMEOUT", idleTimeout, Duration.ofMinutes(30));
        absoluteTimeout = positive("ABSOLUTE_TIMEOUT", absoluteTimeout, Duration.ofHours(12));
    }

    private static Duration positive(String name, @Nullable Duration value, Duration fallback) {
        Duration chosen = value == null ? fallback : value;
        if (chosen.isNegative() || chosen.toSeconds() < 1) {
            throw new InvalidSettingException("HOLDFAST_IDENTITY_SESSION_" + name, chosen.toString(),
                    "a duration of at least 1s, such as 30m or 12h");
        }
        return chosen;
    }
}
