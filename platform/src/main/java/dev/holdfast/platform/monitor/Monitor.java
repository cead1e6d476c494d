package dev.holdfast.platform.monitor;

import dev.holdfast.platform.monitor.check.CheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A watched thing and how to watch it.
 *
 * @param type the check type key ({@code http}, {@code tcp}, {@code dns}, {@code push}...)
 * @param config the type's own settings
 * @param target what it watches, for lists and messages
 * @param interval time between checks while up
 * @param timeout how long one check may take; a hanging target is abandoned then
 * @param retries failed checks tolerated (state PENDING) before the monitor is DOWN
 * @param retryInterval time between checks while PENDING
 * @param resendInterval while DOWN, repeat the notification this often; zero for never
 * @param upsideDown when true, a failing check means UP and a passing one DOWN
 * @param active false while paused
 * @param parent the group this monitor belongs to, or null
 * @param pushToken the secret of a push monitor's URL {@code /api/push/<token>}, else null
 */
public record Monitor(MonitorId id, String name, String type, CheckConfig config, String target, Duration interval,
        Duration timeout, int retries, Duration retryInterval, Duration resendInterval, boolean upsideDown,
        boolean active, @Nullable MonitorId parent, @Nullable String pushToken, Instant updatedAt) {

    /** A monitor's id: a UUID in text form. */
    public record MonitorId(String value) {

        public MonitorId {
            if (!value.matches("[0-9a-f-]{1,36}")) {
                throw new IllegalArgumentException("not a monitor id: " + value);
            }
        }

        public static MonitorId random() {
            return new MonitorId(UUID.randomUUID().toString());
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
