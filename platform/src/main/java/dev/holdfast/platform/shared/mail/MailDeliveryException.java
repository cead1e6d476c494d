package dev.holdfast.platform.shared.mail;

/** The SMTP server could not be reached or refused the message. The message says why, never the password. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
