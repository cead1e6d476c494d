package dev.holdfast.backup;

/** No key file of the repository could be opened with the given password. */
public class WrongPasswordException extends BackupException {

    public WrongPasswordException(String message) {
        super(message);
    }
}
