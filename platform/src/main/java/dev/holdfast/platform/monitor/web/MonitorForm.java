package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorDraft;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The create/edit form of a monitor: the common settings and the type settings of the main types, as the browser
 * posts them (all text). {@link #draft()} keeps only the settings of the chosen type.
 */
public record MonitorForm(Map<String, String> values, Map<String, String> errors) {

    /** Type settings by type; the form shows each group in its own fieldset. */
    static final Map<String, List<String>> SETTINGS = Map.ofEntries(
            Map.entry("http", List.of("url", "method", "acceptedStatus", "maxRedirects", "keyword", "invertKeyword", "jsonPath",
                    "jsonExpected", "conditions", "basicUser", "basicPassword", "bearerToken", "body", "certExpiryDays", "ignoreTls")),
            Map.entry("tcp", List.of("host", "port")),
            Map.entry("ping", List.of("host")),
            Map.entry("tls", List.of("host", "port", "certExpiryDays")),
            Map.entry("dns", List.of("name.dns", "recordType", "resolver", "expected")),
            Map.entry("postgres", List.of("host", "port", "database", "user", "password", "query")),
            Map.entry("mysql", List.of("host", "port", "database", "user", "password", "query")),
            Map.entry("redis", List.of("host", "port", "user", "password", "command", "expected.redis")),
            Map.entry("push", List.of()),
            Map.entry("group", List.of()));

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean checked(String name) {
        return "true".equals(values.get(name)) || "on".equals(values.get(name));
    }

    /**
     * Inputs whose setting name another type's input already uses on the same form: the input is
     * {@code <setting>.<type>}, the setting plain.
     */
    private static final Map<String, String> RENAMED = Map.of("name.dns", "name", "expected.redis", "expected");

    public @Nullable String error(String name) {
        if (RENAMED.containsKey(name)) {
            return errors.get("config." + RENAMED.get(name));
        }
        return errors.get(List.of("name", "type", "interval", "timeout", "retries", "retryInterval",
                "resendInterval", "parent", "channels", "tags").contains(name) ? name : "config." + name);
    }

    /** Whether the form picks this notification channel (checkbox {@code channel.<id>}). */
    public boolean picked(String channelId) {
        return values.containsKey("channel." + channelId);
    }

    /** The channel ids the form picks. */
    List<String> channels() {
        return values.keySet().stream().filter(key -> key.startsWith("channel.")).map(key -> key.substring("channel.".length())).toList();
    }

    /** The tags typed as {@code env:prod, web}: a name, optionally a colon and a value, separated by commas. */
    List<dev.holdfast.platform.monitor.MonitorTag> tags() {
        List<dev.holdfast.platform.monitor.MonitorTag> tags = new java.util.ArrayList<>();
        for (String part : value("tags").split(",")) {
            String text = part.strip();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            tags.add(colon < 0 ? dev.holdfast.platform.monitor.MonitorTag.of(text)
                    : new dev.holdfast.platform.monitor.MonitorTag(text.substring(0, colon).strip(), text.substring(colon + 1).strip(), null));
        }
        return tags;
    }

    MonitorForm withTags(List<dev.holdfast.platform.monitor.MonitorTag> tags) {
        Map<String, String> values = new LinkedHashMap<>(this.values);
        values.put("tags", String.join(", ", tags.stream().map(dev.holdfast.platform.monitor.MonitorTag::label).toList()));
        return new MonitorForm(values, errors);
    }

    MonitorForm withChannels(java.util.Collection<String> channelIds) {
        Map<String, String> picked = new LinkedHashMap<>(values);
        channelIds.forEach(id -> picked.put("channel." + id, "on"));
        return new MonitorForm(picked, errors);
    }

    public boolean invalid(String name) {
        return error(name) != null;
    }

    static MonitorForm blank() {
        return new MonitorForm(Map.of("type", "http", "interval", "60", "retries", "0", "method", "GET", "acceptedStatus", "200-299",
                "maxRedirects", "10", "recordType", "A"), Map.of());
    }

    static MonitorForm of(Monitor monitor) {
        Map<String, String> values = new LinkedHashMap<>();
        monitor.config().values().forEach((key, value) -> values.put(input(monitor.type(), key),
                MonitorView.secret(key) ? MonitorView.MASK : String.valueOf(value)));
        values.put("name", monitor.name());
        values.put("type", monitor.type());
        values.put("interval", String.valueOf(monitor.interval().toSeconds()));
        values.put("timeout", String.valueOf(monitor.timeout().toSeconds()));
        values.put("retries", String.valueOf(monitor.retries()));
        values.put("retryInterval", String.valueOf(monitor.retryInterval().toSeconds()));
        values.put("resendInterval", String.valueOf(monitor.resendInterval().toSeconds()));
        values.put("upsideDown", String.valueOf(monitor.upsideDown()));
        values.put("parent", monitor.parent() == null ? "" : monitor.parent().value());
        return new MonitorForm(values, Map.of());
    }

    /** The form input that shows a type's setting. */
    private static String input(String type, String setting) {
        String renamed = setting + "." + type;
        return RENAMED.containsKey(renamed) ? renamed : setting;
    }

    MonitorDraft draft() {
        String type = value("type");
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : SETTINGS.getOrDefault(type, List.of())) {
            String value = value(key).strip();
            if (key.equals("invertKeyword") || key.equals("ignoreTls")) {
                config.put(key, checked(key));
            } else if (!value.isEmpty()) {
                config.put(RENAMED.getOrDefault(key, key), value);
            }
        }
        return new MonitorDraft(value("name"), type, config, number("interval"), number("timeout"),
                number("retries") == null ? null : number("retries").intValue(), number("retryInterval"), number("resendInterval"),
                checked("upsideDown"), value("parent").isBlank() ? null : value("parent"));
    }

    /** A number, or null when blank; a non-number becomes -1 so that validation names the field. */
    private @Nullable Long number(String name) {
        String text = value(name).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    MonitorForm withErrors(Map<String, String> errors) {
        return new MonitorForm(values, errors);
    }
}
