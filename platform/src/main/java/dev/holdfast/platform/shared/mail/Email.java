package dev.holdfast.platform.shared.mail;

/**
 * A plain-text message to one recipient.
 *
 * @param to the recipient's address
 * @param subject one line
 * @param text the body, plain text
 */
public record Email(String to, String subject, String text) {

    public Email {
        if (to.isBlank() || to.contains("\n") || to.contains("\r")) {
            throw new IllegalArgumentException("a recipient address is required, on one line");
        }
        if (subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
