package dev.holdfast.platform.monitor;

import org.jspecify.annotations.Nullable;

/**
 * A tag on a monitor.
 *
 * @param name the tag's name
 * @param value the optional value ({@code env} = {@code prod}); empty for none
 * @param color the tag's colour {@code #rrggbb}; when setting tags, null keeps the colour of an existing tag or
 *     gives a new tag the default colour
 */
public record MonitorTag(String name, String value, @Nullable String color) {

    public MonitorTag {
        value = value == null ? "" : value;
    }

    /** A tag without value. */
    public static MonitorTag of(String name) {
        return new MonitorTag(name, "", null);
    }

    /** {@code name} or {@code name:value}, as the API's {@code ?tag=} filter takes it. */
    public String label() {
        return value.isEmpty() ? name : name + ":" + value;
    }
}
