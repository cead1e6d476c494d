package dev.holdfast.backup;

/** There is no repository at the given location (no config file). */
public class RepositoryNotFoundException extends BackupException {

    public RepositoryNotFoundException(String message) {
        super(message);
    }
}
