package dev.holdfast.platform.monitor.notify;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of monitor notifications. Providers whose address is part of each channel (webhooks, ntfy, Gotify, Matrix)
 * take it from the channel; the three with one public API take it from here, so tests and proxies can point elsewhere.
 *
 * @param timeout how long one request to a provider may take, connecting included
 *     ({@code HOLDFAST_MONITOR_NOTIFICATIONS_TIMEOUT}, default 10s)
 * @param telegramUrl the Telegram Bot API ({@code HOLDFAST_MONITOR_NOTIFICATIONS_TELEGRAM_URL}, default
 *     {@code https://api.telegram.org})
 * @param pushoverUrl the Pushover API ({@code HOLDFAST_MONITOR_NOTIFICATIONS_PUSHOVER_URL}, default
 *     {@code https://api.pushover.net})
 * @param pagerdutyUrl the PagerDuty Events API v2 ({@code HOLDFAST_MONITOR_NOTIFICATIONS_PAGERDUTY_URL}, default
 *     {@code https://events.pagerduty.com})
 * @param historyRetention how long delivery attempts are kept ({@code HOLDFAST_MONITOR_NOTIFICATIONS_HISTORY_RETENTION},
 *     default 30d)
 */
@ConfigurationProperties("holdfast.monitor.notifications")
record NotificationSettings(@Nullable Duration timeout, @Nullable String telegramUrl, @Nullable String pushoverUrl,
        @Nullable String pagerdutyUrl, @Nullable Duration historyRetention) {

    NotificationSettings {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSettingException("HOLDFAST_MONITOR_NOTIFICATIONS_TIMEOUT", timeout.toString(),
                    "a positive duration such as 5s");
        }
        telegramUrl = url("HOLDFAST_MONITOR_NOTIFICATIONS_TELEGRAM_URL", telegramUrl, "https://api.telegram.org");
        pushoverUrl = url("HOLDFAST_MONITOR_NOTIFICATIONS_PUSHOVER_URL", pushoverUrl, "https://api.pushover.net");
        historyRetention = historyRetention == null ? Duration.ofDays(30) : historyRetention;
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new InvalidSettingException("HOLDFAST_MONITOR_NOTIFICATIONS_HISTORY_RETENTION", historyRetention.toString(),
                    "a positive duration such as 30d");
        }
        pagerdutyUrl = url("HOLDFAST_MONITOR_NOTIFICATIONS_PAGERDUTY_URL", pagerdutyUrl, "https://events.pagerduty.com");
    }

    /** The defaults, with every provider API at {@code base} (for tests against one local receiver). */
    static NotificationSettings allAt(String base, Duration timeout) {
        return new NotificationSettings(timeout, base, base, base, null);
    }

    private static String url(String setting, @Nullable String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String url = value.strip();
        if (!ChannelSetting.validUrl(url)) {
            throw new InvalidSettingException(setting, url, "an absolute http:// or https:// URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
