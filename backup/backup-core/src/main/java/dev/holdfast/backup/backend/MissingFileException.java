package dev.holdfast.backup.backend;

import org.jspecify.annotations.Nullable;

/** The requested file does not exist in the backend. */
public class MissingFileException extends BackendException {

    public MissingFileException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
