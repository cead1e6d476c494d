package dev.holdfast.platform.monitor.check;

/**
 * What one probe found.
 *
 * @param up whether the target answered as expected (before upside-down mode is applied)
 * @param responseMillis how long it took, in milliseconds
 * @param message a short human sentence: the cause when down ("connection refused"), a summary when up ("200 OK")
 */
public record CheckResult(boolean up, long responseMillis, String message) {

    public static CheckResult up(long millis, String message) {
        return new CheckResult(true, millis, message);
    }

    public static CheckResult down(long millis, String message) {
        return new CheckResult(false, millis, message);
    }
}
