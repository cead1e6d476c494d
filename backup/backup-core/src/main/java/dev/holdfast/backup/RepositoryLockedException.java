package dev.holdfast.backup;

/** Another process holds a lock on the repository that conflicts with the one requested. */
public class RepositoryLockedException extends BackupException {

    public RepositoryLockedException(String message) {
        super(message);
    }
}
