package dev.holdfast.platform.shared.mail;

/** Mail was to be sent, but no SMTP server is configured ({@code HOLDFAST_MAIL_HOST} is not set). */
public class MailNotConfiguredException extends IllegalStateException {

    public MailNotConfiguredException() {
        super("no SMTP server is configured: set HOLDFAST_MAIL_HOST (and HOLDFAST_MAIL_FROM)");
    }
}
