package dev.holdfast.platform.monitor.notify;

import java.time.Instant;
import java.util.Map;

/**
 * A configured notification channel.
 *
 * @param id random UUID
 * @param name unique, as the admin named it
 * @param type the {@link NotificationChannel#type()} that sends it
 * @param settings checked settings, secrets included: never show them as they are (see {@link Channels#masked})
 * @param isDefault whether it notifies for monitors without channels of their own
 */
record Channel(String id, String name, String type, Map<String, String> settings, boolean isDefault, Instant createdAt,
        Instant updatedAt) {}
