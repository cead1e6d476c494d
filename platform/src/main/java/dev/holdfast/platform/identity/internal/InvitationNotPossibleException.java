package dev.holdfast.platform.identity.internal;

/** An invitation was asked for a user who cannot get one: the account already has a password, or the name is invalid. */
class InvitationNotPossibleException extends RuntimeException {

    InvitationNotPossibleException(String message) {
        super(message);
    }
}
