package dev.holdfast.backup;

/** A repository cannot be initialised because one already exists at the location. */
public class RepositoryExistsException extends BackupException {

    public RepositoryExistsException(String message) {
        super(message);
    }
}
