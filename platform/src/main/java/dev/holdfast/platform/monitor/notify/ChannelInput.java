package dev.holdfast.platform.monitor.notify;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an admin sends to create or change a channel. On a change, a secret setting that is absent or still shows
 * the mask ({@link Channels#MASK}) keeps its stored value; an empty one removes it.
 */
record ChannelInput(@Nullable String name, @Nullable String type, @Nullable Boolean isDefault,
        @Nullable Map<String, String> settings) {}
