package dev.holdfast.platform.monitor;

import dev.holdfast.platform.monitor.Monitor.MonitorId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tags and the tags monitors carry. Bad names, values or colours are an {@link InvalidMonitorException} naming the
 * field ({@code tags[0].name}, {@code color}). {@link Monitors#list} filters by tag.
 */
public interface MonitorTags {

    /** The default colour of a new tag. */
    String DEFAULT_COLOR = "#4b5563";

    /** Every tag by name. */
    List<Tag> tags();

    /** Creates a tag, or changes the colour of the tag with this name (ignoring case); null colour keeps or defaults. */
    Tag define(String name, @Nullable String color);

    /** Deletes a tag and takes it off every monitor; unknown ids are ignored. */
    void remove(String tagId);

    /** A monitor's tags by name, then value. */
    List<MonitorTag> of(MonitorId monitor);

    /** The tags of many monitors at once (one query), for lists; monitors without tags are absent. */
    Map<MonitorId, List<MonitorTag>> of(Collection<MonitorId> monitors);

    /** Replaces a monitor's tags; tags not defined yet are created. */
    void set(MonitorId monitor, List<MonitorTag> tags);
}
