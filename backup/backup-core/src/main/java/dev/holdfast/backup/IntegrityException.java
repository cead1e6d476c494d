package dev.holdfast.backup;

import org.jspecify.annotations.Nullable;

/** Stored data is damaged: a MAC, hash, size or structure does not match what the format requires. */
public class IntegrityException extends BackupException {

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
