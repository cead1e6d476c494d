package dev.holdfast.platform.identity.internal;

/** The setup link is unknown, already used or expired, or Holdfast already has an administrator. */
class InvalidSetupLinkException extends RuntimeException {

    InvalidSetupLinkException() {
        super("This setup link is invalid, used or expired.");
    }
}
