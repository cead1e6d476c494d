package dev.holdfast.backup.backend;

/** A repository location that no backend can open: unknown scheme or a malformed part. */
public class InvalidLocationException extends BackendException {

    public InvalidLocationException(String message) {
        super(message, null);
    }
}
