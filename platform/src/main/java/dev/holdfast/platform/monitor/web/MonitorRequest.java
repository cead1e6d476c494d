package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorTag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A monitor as the API takes it: the {@link MonitorDraft} fields and, optionally, its tags. */
record MonitorRequest(@Nullable String name, @Nullable String type, @Nullable Map<String, Object> config,
        @Nullable Long interval, @Nullable Long timeout, @Nullable Integer retries, @Nullable Long retryInterval,
        @Nullable Long resendInterval, @Nullable Boolean upsideDown, @Nullable String parent, @Nullable List<MonitorTag> tags) {

    MonitorDraft draft() {
        return new MonitorDraft(name, type, config, interval, timeout, retries, retryInterval, resendInterval, upsideDown, parent);
    }
}
