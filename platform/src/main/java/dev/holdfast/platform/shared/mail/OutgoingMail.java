package dev.holdfast.platform.shared.mail;

/** Sends mail through the SMTP server the administrator configured. */
public interface OutgoingMail {

    /** Whether an SMTP server is configured; features that need mail say so when it is not. */
    boolean configured();

    /**
     * Sends the message now, in the caller's thread.
     *
     * @throws MailNotConfiguredException when no SMTP server is configured
     * @throws MailDeliveryException when the server cannot be reached or refuses the message
     */
    void send(Email email);
}
