package dev.holdfast.platform.monitor.notify;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which channels a monitor notifies, for the monitor's form: the channels to pick from (with the default flag) and
 * the monitor's own picks. A monitor without picks notifies the default channels.
 */
@Service
public class MonitorChannels {

    /** A channel as the monitor form offers it. */
    public record Choice(String id, String name, String typeName, boolean isDefault) {}

    private final Channels channels;
    private final ChannelRegistry registry;

    MonitorChannels(Channels channels, ChannelRegistry registry) {
        this.channels = channels;
        this.registry = registry;
    }

    /** Every channel by name. */
    public List<Choice> choices() {
        return channels.list().stream().map(c -> new Choice(c.id(), c.name(),
                registry.find(c.type()).map(NotificationChannel::displayName).orElse(c.type()), c.isDefault())).toList();
    }

    /** The ids of the channels the monitor picked itself (empty: it notifies the defaults). */
    public Set<String> picked(String monitorId) {
        return channels.subscribed(monitorId).stream().map(Channel::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Makes the monitor notify exactly these channels (none: the defaults); an unknown channel id changes nothing. */
    @Transactional
    public void pick(String monitorId, Collection<String> channelIds) {
        channelIds.forEach(channels::get);
        Set<String> wanted = Set.copyOf(channelIds);
        for (String had : picked(monitorId)) {
            if (!wanted.contains(had)) {
                channels.unsubscribe(monitorId, had);
            }
        }
        wanted.forEach(id -> channels.subscribe(monitorId, id));
    }
}
