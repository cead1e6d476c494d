package dev.holdfast.backup.backend;

import dev.holdfast.backup.BackupException;
import org.jspecify.annotations.Nullable;

/** A backend operation failed (I/O, permissions, network). */
public class BackendException extends BackupException {

    public BackendException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
