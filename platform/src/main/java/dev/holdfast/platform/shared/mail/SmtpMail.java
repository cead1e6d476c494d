package dev.holdfast.platform.shared.mail;

import jakarta.mail.internet.InternetAddress;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** {@link OutgoingMail} over Spring's {@link JavaMailSenderImpl}. */
final class SmtpMail implements OutgoingMail {

    private static final Logger log = LoggerFactory.getLogger(SmtpMail.class);

    private final @Nullable JavaMailSenderImpl sender;
    private final @Nullable String from;

    SmtpMail(MailSettings settings) {
        this.from = settings.from();
        if (settings.host() == null) {
            this.sender = null;
            return;
        }
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost(settings.host());
        smtp.setPort(settings.port());
        smtp.setDefaultEncoding("UTF-8");
        Properties properties = smtp.getJavaMailProperties();
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        switch (settings.security()) {
            case "starttls" -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            case "tls" -> smtp.setProtocol("smtps");
            default -> { }
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            smtp.setUsername(settings.username());
            smtp.setPassword(settings.password());
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtps.auth", "true");
        }
        this.sender = smtp;
        log.info("Mail goes through {}:{} ({}) from {}", settings.host(), settings.port(), settings.security(), from);
    }

    @Override
    public boolean configured() {
        return sender != null;
    }

    @Override
    public void send(Email email) {
        if (sender == null) {
            throw new MailNotConfiguredException();
        }
        try {
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(new InternetAddress(from, true));
            helper.setTo(new InternetAddress(email.to(), true));
            helper.setSubject(email.subject());
            helper.setText(email.text(), false);
            sender.send(message);
        } catch (MailException e) {
            throw new MailDeliveryException("mail to " + email.to() + " was not sent: " + rootMessage(e), e);
        } catch (jakarta.mail.MessagingException e) {
            throw new MailDeliveryException("mail to " + email.to() + " is not valid: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
