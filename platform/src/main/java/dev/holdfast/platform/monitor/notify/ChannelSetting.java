package dev.holdfast.platform.monitor.notify;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One setting of a channel type: what the admin form shows and the API accepts. Secret settings (tokens, webhook
 * URLs) are stored, but never shown again, never logged, and masked in every answer.
 *
 * @param name the key in the channel's settings, e.g. {@code botToken}
 * @param label what the form shows
 * @param kind how the value is entered and checked
 * @param required whether a channel needs it
 * @param secret whether it is masked in the UI and API
 * @param defaultValue the value used when it is left empty, or null
 * @param help one line under the field, or null
 * @param choices the allowed values of a {@link Kind#CHOICE}; empty otherwise
 */
record ChannelSetting(String name, String label, Kind kind, boolean required, boolean secret,
        @Nullable String defaultValue, @Nullable String help, List<String> choices) {

    /** The longest value any setting takes (templates included). */
    static final int MAX_LENGTH = 8_000;

    enum Kind { TEXT, URL, NUMBER, CHOICE, TEXTAREA, EMAIL }

    static ChannelSetting text(String name, String label) {
        return new ChannelSetting(name, label, Kind.TEXT, true, false, null, null, List.of());
    }

    static ChannelSetting url(String name, String label) {
        return new ChannelSetting(name, label, Kind.URL, true, false, null, null, List.of());
    }

    static ChannelSetting number(String name, String label, int defaultValue) {
        return new ChannelSetting(name, label, Kind.NUMBER, false, false, Integer.toString(defaultValue), null, List.of());
    }

    static ChannelSetting choice(String name, String label, String defaultValue, String... choices) {
        return new ChannelSetting(name, label, Kind.CHOICE, false, false, defaultValue, null, List.of(choices));
    }

    static ChannelSetting textarea(String name, String label) {
        return new ChannelSetting(name, label, Kind.TEXTAREA, false, false, null, null, List.of());
    }

    static ChannelSetting email(String name, String label) {
        return new ChannelSetting(name, label, Kind.EMAIL, true, false, null, null, List.of());
    }

    ChannelSetting secretValue() {
        return new ChannelSetting(name, label, kind, required, true, defaultValue, help, choices);
    }

    ChannelSetting optional() {
        return new ChannelSetting(name, label, kind, false, secret, defaultValue, help, choices);
    }

    ChannelSetting defaultingTo(String value) {
        return new ChannelSetting(name, label, kind, false, secret, value, help, choices);
    }

    ChannelSetting help(String text) {
        return new ChannelSetting(name, label, kind, required, secret, defaultValue, text, choices);
    }

    /** Why the value is not acceptable for this setting, or null when it is; an empty value is checked by the registry. */
    @Nullable String check(String value) {
        if (value.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters";
        }
        if (kind != Kind.TEXTAREA && (value.contains("\n") || value.contains("\r"))) {
            return "one line";
        }
        return switch (kind) {
            case URL -> validUrl(value) ? null : "an absolute http:// or https:// URL";
            case NUMBER -> isInteger(value) ? null : "a whole number";
            case CHOICE -> choices.contains(value) ? null : "one of " + String.join(", ", choices);
            case EMAIL -> validAddresses(value) ? null : "one or more email addresses, separated by commas";
            case TEXT, TEXTAREA -> null;
        };
    }

    static boolean validUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isInteger(String value) {
        try {
            Integer.parseInt(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Comma-separated addresses of the form {@code local@domain}, without spaces or angle brackets inside. */
    static List<String> addresses(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    private static boolean validAddresses(String value) {
        List<String> addresses = addresses(value);
        return !addresses.isEmpty() && addresses.size() <= 20
                && addresses.stream().allMatch(a -> a.matches("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+"));
    }
}
