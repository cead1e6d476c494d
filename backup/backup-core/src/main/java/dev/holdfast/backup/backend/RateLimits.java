package dev.holdfast.backup.backend;

/**
 * Transfer rate limits for a backend, restic's {@code --limit-upload} and {@code --limit-download}: bytes a second,
 * 0 for unlimited. Immutable.
 */
public record RateLimits(long uploadBytesPerSecond, long downloadBytesPerSecond) {

    public static final RateLimits UNLIMITED = new RateLimits(0, 0);

    public RateLimits {
        if (uploadBytesPerSecond < 0 || downloadBytesPerSecond < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (unlimited) or more bytes a second, were "
                    + uploadBytesPerSecond + " up and " + downloadBytesPerSecond + " down");
        }
    }

    /** Limits in KiB a second, as restic's flags give them. */
    public static RateLimits ofKiB(long uploadKiB, long downloadKiB) {
        return new RateLimits(Math.multiplyExact(uploadKiB, 1024L), Math.multiplyExact(downloadKiB, 1024L));
    }

    public boolean unlimited() {
        return uploadBytesPerSecond == 0 && downloadBytesPerSecond == 0;
    }
}
