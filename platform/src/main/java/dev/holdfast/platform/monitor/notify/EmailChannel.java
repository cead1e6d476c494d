package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.shared.mail.Email;
import dev.holdfast.platform.shared.mail.MailDeliveryException;
import dev.holdfast.platform.shared.mail.MailNotConfiguredException;
import dev.holdfast.platform.shared.mail.OutgoingMail;
import jakarta.mail.SendFailedException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;

/** Email through the platform's SMTP server ({@code HOLDFAST_MAIL_*}): one plain-text message to each recipient. */
@Component
class EmailChannel implements NotificationChannel {

    private final OutgoingMail mail;

    EmailChannel(OutgoingMail mail) {
        this.mail = mail;
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public String displayName() {
        return "Email (SMTP)";
    }

    @Override
    public List<ChannelSetting> settings() {
        return List.of(ChannelSetting.email("to", "Recipients").help("One or more addresses, separated by commas"));
    }

    @Override
    public Map<String, String> validate(Map<String, String> settings) {
        return mail.configured() ? Map.of()
                : Map.of("to", "outgoing mail is not configured on this Holdfast (HOLDFAST_MAIL_HOST)");
    }

    /** Timeouts and refused connections are worth retrying; a server that refused sender or recipient is not. */
    private static DeliveryFailedException failure(MailDeliveryException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return new DeliveryFailedException("the SMTP server did not answer in time (timeout)", null, true);
            }
            if (cause instanceof SendFailedException || cause instanceof MailSendException send
                    && Arrays.stream(send.getMessageExceptions()).anyMatch(SendFailedException.class::isInstance)) {
                return new DeliveryFailedException(e.getMessage(), null, false);
            }
        }
        return new DeliveryFailedException(e.getMessage(), null, true);
    }

    @Override
    public void send(Map<String, String> settings, Message message) {
        String text = message.text() + "\n\nMonitor: " + message.monitorName() + "\nTarget: " + message.target()
                + "\nCause: " + message.cause() + "\nTime: " + message.time()
                + (message.downForText() == null ? "" : "\nDown for: " + message.downForText()) + "\n\n-- Holdfast\n";
        for (String to : ChannelSetting.addresses(settings.get("to"))) {
            try {
                mail.send(new Email(to, "[Holdfast] " + message.title().replaceAll("\\R", " "), text));
            } catch (MailNotConfiguredException e) {
                throw new DeliveryFailedException("outgoing mail is not configured (HOLDFAST_MAIL_HOST)", null, false);
            } catch (MailDeliveryException e) {
                throw failure(e);
            }
        }
    }
}
