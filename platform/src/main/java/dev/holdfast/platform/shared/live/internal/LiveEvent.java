package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.Topic;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One published event, before it has a sequence number. Immutable. */
record LiveEvent(Topic topic, String kind, Map<String, String> data) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    LiveEvent {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("live event kind must be a short lower-case word (letters, digits, -): '" + kind + "'");
        }
        data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }
}
