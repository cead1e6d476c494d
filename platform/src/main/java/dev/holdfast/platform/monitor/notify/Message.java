package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.MonitorStateChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * What a notification says, the same on every channel: {@link #title()} and {@link #text()} are the one wording of
 * down, recovery, reminder and test messages; channels only lay them out (an embed, an Adaptive Card, a header).
 *
 * @param id this delivery's id, the same on every retry (providers that deduplicate use it, e.g. Matrix's txnId)
 * @param kind what happened
 * @param monitorId the monitor's id (for a test: {@code test})
 * @param monitorName its name (for a test: the channel's name)
 * @param target what it watches, e.g. a URL
 * @param cause why it is down, or what it answered when it came back
 * @param at when the change was seen
 * @param downFor on recovery, how long it was down; null otherwise
 */
record Message(String id, Kind kind, String monitorId, String monitorName, String target, String cause, Instant at,
        @Nullable Duration downFor) {

    enum Kind {
        DOWN, UP, REMINDER, TEST;

        /** The monitor's state as a word: DOWN, UP, or TEST. */
        String state() {
            return this == REMINDER ? "DOWN" : name();
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The message for a state change, or null for changes nobody is told about (PENDING, MAINTENANCE, UP from PENDING). */
    static @Nullable Message of(String id, MonitorStateChanged event) {
        Kind kind;
        if (event.state() == MonitorState.DOWN) {
            kind = event.reminder() ? Kind.REMINDER : Kind.DOWN;
        } else if (event.state() == MonitorState.UP && event.previous() == MonitorState.DOWN) {
            kind = Kind.UP;
        } else {
            return null;
        }
        return new Message(id, kind, event.monitorId(), event.monitorName(), event.target(), event.cause(), event.at(),
                kind == Kind.UP ? event.downFor() : null);
    }

    /** The message "send test" sends through a channel. */
    static Message test(String id, String channelName, Instant at) {
        return new Message(id, Kind.TEST, "test", channelName, "Holdfast", "test notification requested", at, null);
    }

    /** One line: {@code Shop API is DOWN}, {@code Shop API is UP}, {@code Shop API is still DOWN}, {@code Holdfast test notification}. */
    String title() {
        return switch (kind) {
            case DOWN -> monitorName + " is DOWN";
            case UP -> monitorName + " is UP";
            case REMINDER -> monitorName + " is still DOWN";
            case TEST -> "Holdfast test notification";
        };
    }

    /** A sentence or two with the target, the cause, the time and, on recovery, how long it was down. */
    String text() {
        return switch (kind) {
            case DOWN -> monitorName + " (" + target + ") is DOWN since " + time() + ": " + cause;
            case UP -> monitorName + " (" + target + ") is UP again at " + time()
                    + (downFor == null ? "" : " after " + duration(downFor) + " down") + ": " + cause;
            case REMINDER -> "Reminder: " + monitorName + " (" + target + ") is still DOWN at " + time() + ": " + cause;
            case TEST -> "This is a test of the notification channel \"" + monitorName + "\" at " + time()
                    + ". If you can read it, Holdfast's alerts will reach you here.";
        };
    }

    /** {@link #at} as {@code 2026-11-30 05:00:00 UTC}. */
    String time() {
        return TIME.format(at);
    }

    /** {@link #downFor} in words such as {@code 1h 2m 5s}, or null when not a recovery. */
    @Nullable String downForText() {
        return downFor == null ? null : duration(downFor);
    }

    /** A duration in words: {@code 45s}, {@code 3m 5s}, {@code 2h 0m 10s}, {@code 1d 4h 30m}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m " + rest + "s";
        }
        return minutes > 0 ? minutes + "m " + rest + "s" : rest + "s";
    }
}
