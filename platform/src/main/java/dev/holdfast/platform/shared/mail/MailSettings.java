package dev.holdfast.platform.shared.mail;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server Holdfast sends through. Without a host, mail is off and features that need it say so.
 *
 * @param host SMTP host ({@code HOLDFAST_MAIL_HOST}); unset means mail is off
 * @param port SMTP port ({@code HOLDFAST_MAIL_PORT}; default 587, or 465 with {@code tls})
 * @param security {@code starttls} (default; required, not opportunistic), {@code tls} (implicit TLS) or {@code none}
 *     ({@code HOLDFAST_MAIL_SECURITY})
 * @param username SMTP user ({@code HOLDFAST_MAIL_USERNAME}); unset means no authentication
 * @param password SMTP password ({@code HOLDFAST_MAIL_PASSWORD}); never logged
 * @param from the sender address ({@code HOLDFAST_MAIL_FROM}); required when a host is set
 * @param timeout connect, read and write timeout ({@code HOLDFAST_MAIL_TIMEOUT}, default 10s)
 */
@ConfigurationProperties("holdfast.mail")
public record MailSettings(@Nullable String host, @Nullable Integer port, @Nullable String security,
        @Nullable String username, @Nullable String password, @Nullable String from, @Nullable Duration timeout) {

    public MailSettings {
        host = host == null || host.isBlank() ? null : host.strip();
        security = security == null || security.isBlank() ? "starttls" : security.strip().toLowerCase(java.util.Locale.ROOT);
        if (!security.equals("starttls") && !security.equals("tls") && !security.equals("none")) {
            throw new InvalidSettingException("HOLDFAST_MAIL_SECURITY", security, "starttls, tls or none");
        }
        port = port == null ? (security.equals("tls") ? 465 : 587) : port;
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("HOLDFAST_MAIL_PORT", port.toString(), "a port number from 1 to 65535");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (host != null && (from == null || !from.contains("@"))) {
            throw new InvalidSettingException("HOLDFAST_MAIL_FROM", String.valueOf(from),
                    "the sender address (e.g. holdfast@example.org) whenever HOLDFAST_MAIL_HOST is set");
        }
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", from=" + from + ", timeout=" + timeout + "]";
    }
}
