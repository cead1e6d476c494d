package dev.holdfast.backup.backend;

/**
 * Opens the backends of one location scheme ({@code local}, {@code s3}, {@code azure}, {@code rest}), with settings
 * fixed at construction. Implementations are immutable and thread-safe.
 */
public interface BackendFactory {

    /** The scheme before the first colon of the locations this factory opens, e.g. {@code s3}. */
    String scheme();

    /**
     * Opens the undecorated backend at {@code location} (the whole string, scheme included).
     *
     * @throws InvalidLocationException a part of the location is malformed
     */
    Backend open(String location);

    /** Operations allowed at once against this kind of backend (restic's {@code -o <scheme>.connections}). */
    default int connections() {
        return 5;
    }
}
