package dev.holdfast.backup;

import org.jspecify.annotations.Nullable;

/** The root of every exception the backup engine throws; unchecked. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
