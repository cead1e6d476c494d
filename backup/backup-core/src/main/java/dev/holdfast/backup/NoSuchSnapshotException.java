package dev.holdfast.backup;

/** No snapshot matches the given ID, prefix or "latest" selection. */
public class NoSuchSnapshotException extends BackupException {

    public NoSuchSnapshotException(String message) {
        super(message);
    }
}
