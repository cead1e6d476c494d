package dev.holdfast.backup.backend;

/** {@link Backend#create()} found a config file: a repository is there already. Permanent, never retried. */
public class ConfigExistsException extends BackendException {

    public ConfigExistsException(String location) {
        super("config file already exists in " + location, null);
    }
}
