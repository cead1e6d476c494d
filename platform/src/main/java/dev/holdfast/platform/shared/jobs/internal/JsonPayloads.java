package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Stores job payloads as JSON (UTF-8), readable in the database and tolerant of added record components. */
class JsonPayloads implements Serializer {

    private final JsonMapper json;

    JsonPayloads(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte @Nullable [] serialize(@Nullable Object data) {
        return data == null ? null : json.writeValueAsBytes(data);
    }

    @Override
    public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] serialized) {
        return serialized == null ? null : json.readValue(serialized, type);
    }
}
