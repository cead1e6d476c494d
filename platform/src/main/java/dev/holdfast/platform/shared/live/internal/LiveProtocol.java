package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.InvalidTopicException;
import dev.holdfast.platform.shared.live.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON frames of the {@code /live} WebSocket, and of the PostgreSQL relay. Browser to server:
 * {@code subscribe} (topics, optional {@code after}: the last event id seen), {@code unsubscribe}, {@code ping}.
 * Server to browser: {@code welcome}, {@code subscribed}, {@code refused}, {@code event}, {@code reset},
 * {@code error}, {@code pong}. Stateless and thread-safe.
 */
final class LiveProtocol {

    /** Largest frame accepted from a browser, in characters. */
    static final int MAX_INBOUND = 8 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveProtocol() {}

    /** What a browser asked for. */
    sealed interface Command {}

    record Subscribe(List<Topic> topics, @Nullable String after) implements Command {}

    record Unsubscribe(List<Topic> topics) implements Command {}

    record Ping() implements Command {}

    /** A frame from a browser that is not one of the commands; {@code code} goes into the error frame. */
    static final class BadFrameException extends RuntimeException {

        final String code;

        BadFrameException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** An event as relayed between nodes: which node published it, and the event. */
    record Relayed(String origin, LiveEvent event) {}

    static Command read(String text) {
        if (text.length() > MAX_INBOUND) {
            throw new BadFrameException("too-large", "frames are at most " + MAX_INBOUND + " characters");
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BadFrameException("bad-json", "not a JSON object");
        }
        if (frame == null || !frame.isObject()) {
            throw new BadFrameException("bad-json", "not a JSON object");
        }
        return switch (frame.path("type").asString("")) {
            case "subscribe" -> new Subscribe(topics(frame), after(frame));
            case "unsubscribe" -> new Unsubscribe(topics(frame));
            case "ping" -> new Ping();
            default -> throw new BadFrameException("unknown-type", "type must be subscribe, unsubscribe or ping");
        };
    }

    private static List<Topic> topics(JsonNode frame) {
        JsonNode topics = frame.path("topics");
        if (!topics.isArray() || topics.isEmpty()) {
            throw new BadFrameException("bad-topics", "topics must be a non-empty array of topic names");
        }
        List<Topic> result = new ArrayList<>();
        for (JsonNode topic : topics) {
            if (!topic.isString()) {
                throw new BadFrameException("bad-topics", "topics must be a non-empty array of topic names");
            }
            try {
                result.add(Topic.parse(topic.asString()));
            } catch (InvalidTopicException e) {
                throw new BadFrameException("bad-topics", e.getMessage());
            }
        }
        return result;
    }

    private static @Nullable String after(JsonNode frame) {
        JsonNode after = frame.path("after");
        if (after.isMissingNode() || after.isNull()) {
            return null;
        }
        if (!after.isString() || after.asString().length() > 100) {
            throw new BadFrameException("bad-after", "after must be an event id as received");
        }
        return after.asString();
    }

    static String welcome(String last) {
        return frame("welcome").put("last", last).toString();
    }

    static String subscribed(Collection<Topic> topics) {
        ObjectNode frame = frame("subscribed");
        topics.forEach(topic -> frame.withArray("topics").add(topic.name()));
        return frame.toString();
    }

    static String refused(Topic topic, String reason) {
        return frame("refused").put("topic", topic.name()).put("reason", reason).toString();
    }

    static String event(String id, LiveEvent event) {
        ObjectNode frame = frame("event").put("id", id).put("topic", event.topic().name()).put("kind", event.kind());
        ObjectNode data = frame.putObject("data");
        event.data().forEach(data::put);
        return frame.toString();
    }

    static String reset(String last) {
        return frame("reset").put("last", last).toString();
    }

    static String error(String code, String message) {
        return frame("error").put("error", code).put("message", message).toString();
    }

    static String pong() {
        return frame("pong").toString();
    }

    /** Size in UTF-8 bytes of the event's topic, kind and data as JSON: what {@code holdfast.live.max-payload} limits. */
    static int size(LiveEvent event) {
        return body(event).toString().getBytes(StandardCharsets.UTF_8).length;
    }

    static String relay(String origin, LiveEvent event) {
        return body(event).put("origin", origin).toString();
    }

    /** Reads a relayed event; an {@link IllegalArgumentException} if it is not one. */
    static Relayed readRelay(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            Map<String, String> data = new LinkedHashMap<>();
            frame.path("data").properties().forEach(entry -> data.put(entry.getKey(), entry.getValue().asString()));
            LiveEvent event = new LiveEvent(Topic.parse(frame.path("topic").asString()), frame.path("kind").asString(), data);
            return new Relayed(frame.path("origin").asString(), event);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a relayed live event", e);
        }
    }

    private static ObjectNode body(LiveEvent event) {
        ObjectNode body = JSON.createObjectNode().put("topic", event.topic().name()).put("kind", event.kind());
        ObjectNode data = body.putObject("data");
        event.data().forEach(data::put);
        return body;
    }

    private static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }
}
