package dev.holdfast.platform.monitor.notify;

import java.util.List;
import java.util.Map;

/**
 * One kind of notification channel (Slack, ntfy, email...). Implementations are Spring beans, collected by type into
 * the {@link ChannelRegistry}; they keep no state per channel: everything a configured channel needs comes in its
 * settings. Thread-safe.
 */
interface NotificationChannel {

    /** The type key stored with each configured channel, lower case, e.g. {@code slack}; unique. */
    String type();

    /** The name people see, e.g. {@code Microsoft Teams}. */
    String displayName();

    /** The settings a channel of this type takes, in form order; the registry checks required and typed values. */
    List<ChannelSetting> settings();

    /**
     * Checks beyond {@link ChannelSetting#check}: formats of tokens, ids, templates. Only called with every required
     * setting present and each value well-formed for its kind.
     *
     * @return errors by setting name; empty when the settings are fine
     */
    default Map<String, String> validate(Map<String, String> settings) {
        return Map.of();
    }

    /**
     * Sends the message now, in the caller's thread, as the provider's API expects.
     *
     * @param settings valid settings (see {@link #validate}), secrets included
     * @throws DeliveryFailedException when the provider refused the message, answered with an error, or did not
     *     answer in time; its message names no secret
     */
    void send(Map<String, String> settings, Message message);
}
