package dev.holdfast.platform.identity.oidc;

/** One of Holdfast's own applications cannot be deleted: its module signs people in through it. */
public class BuiltInApplicationException extends IllegalStateException {

    public BuiltInApplicationException(String clientId) {
        super("'" + clientId + "' is one of Holdfast's own applications; it can be restricted but not deleted");
    }
}
