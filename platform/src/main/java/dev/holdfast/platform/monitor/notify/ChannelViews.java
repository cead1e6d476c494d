package dev.holdfast.platform.monitor.notify;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the channel pages ({@code jte/monitor/notify}) show; public only because precompiled templates read it. */
public final class ChannelViews {

    private ChannelViews() {
    }

    /** One row of the channel list. */
    public record Summary(String id, String name, String typeName, boolean isDefault) {}

    /** One choice in "add a channel". */
    public record TypeOption(String type, String name) {}

    /**
     * The add or edit form of a channel, generated from its type's settings.
     *
     * @param id null for a new channel
     * @param errors messages by field ({@code name}, {@code settings.<setting>})
     */
    public record Form(@Nullable String id, String name, String type, String typeName, boolean isDefault, List<Field> fields,
            Map<String, String> errors, List<Attempt> attempts) {

        public String action() {
            return id == null ? "/monitor/channels" : "/monitor/channels/" + id;
        }

        public @Nullable String error(String field) {
            return errors.get(field);
        }
    }

    /**
     * One setting as a form field.
     *
     * @param input {@code text}, {@code url}, {@code number}, {@code email}, {@code password}, {@code textarea} or {@code select}
     * @param value what the field shows: a secret that is set shows the mask, which keeps it when sent back
     */
    public record Field(String name, String label, String input, boolean required, String value, @Nullable String help,
            List<String> choices) {

        public String param() {
            return "settings." + name;
        }
    }

    /** One recorded delivery attempt. */
    public record Attempt(String at, String monitorId, String kind, String outcome, String detail) {}
}
