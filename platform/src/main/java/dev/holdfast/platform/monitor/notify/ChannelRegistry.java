package dev.holdfast.platform.monitor.notify;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Every channel type of this Holdfast, by type key; a second bean with a type already taken stops the start.
 * Checks settings against a type's schema and fills in defaults. Thread-safe (immutable).
 */
@Component
class ChannelRegistry {

    private final Map<String, NotificationChannel> byType;

    ChannelRegistry(List<NotificationChannel> channels) {
        Map<String, NotificationChannel> types = new TreeMap<>();
        for (NotificationChannel channel : channels) {
            NotificationChannel before = types.putIfAbsent(channel.type(), channel);
            if (before != null) {
                throw new IllegalStateException("two notification channel types are called " + channel.type() + ": "
                        + before.getClass().getName() + " and " + channel.getClass().getName());
            }
        }
        this.byType = Map.copyOf(types);
    }

    Optional<NotificationChannel> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every type, by display name. */
    List<NotificationChannel> all() {
        return byType.values().stream().sorted(Comparator.comparing(NotificationChannel::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * The settings of a channel of this type as they will be stored: known names only, values stripped (text areas
     * keep their lines), empty ones replaced by their default or left out.
     *
     * @throws InvalidChannelException naming each setting that is missing or not acceptable
     */
    Map<String, String> check(NotificationChannel type, Map<String, String> given) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (type.settings().stream().noneMatch(s -> s.name().equals(name))) {
                errors.put("settings." + name, "not a setting of " + type.displayName());
            }
        }
        for (ChannelSetting setting : type.settings()) {
            String raw = given.get(setting.name());
            String value = raw == null ? "" : raw.strip();
            if (value.isEmpty() && setting.defaultValue() != null) {
                value = setting.defaultValue();
            }
            if (value.isEmpty()) {
                if (setting.required()) {
                    errors.put("settings." + setting.name(), setting.label() + " is required");
                }
                continue;
            }
            String problem = setting.check(value);
            if (problem != null) {
                errors.put("settings." + setting.name(), setting.label() + ": " + problem);
            } else {
                settings.put(setting.name(), value);
            }
        }
        if (errors.isEmpty()) {
            type.validate(settings).forEach((name, problem) -> errors.put("settings." + name, problem));
        }
        if (!errors.isEmpty()) {
            throw new InvalidChannelException(errors);
        }
        return settings;
    }
}
