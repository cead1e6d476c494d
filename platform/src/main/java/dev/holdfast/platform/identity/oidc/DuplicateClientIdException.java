package dev.holdfast.platform.identity.oidc;

/** An application with this client id is already registered. */
public class DuplicateClientIdException extends IllegalStateException {

    public DuplicateClientIdException(String clientId) {
        super("an application with client id '" + clientId + "' is already registered");
    }
}
