package dev.holdfast.platform.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A browser's {@code /live} WebSocket without a browser ({@link java.net.http.WebSocket}): keeps every frame it
 * receives, in order, and waits for frames with a deadline. Thread-safe.
 */
public final class LiveClient implements AutoCloseable {

    /** How long {@link #await} waits before failing the test. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Integer closeCode;
    private WebSocket socket;

    private LiveClient() {}

    /** Connects as the session's user; fails the test if the handshake is refused. */
    public static LiveClient connect(TestNode node, WebSession session) {
        return connect(node, session.cookieHeader(), null);
    }

    /** Connects with the given cookie header and Origin (each may be null); fails the test if refused. */
    public static LiveClient connect(TestNode node, String cookie, String origin) {
        LiveClient client = new LiveClient();
        try {
            client.socket = handshake(node, cookie, origin, client.listener()).join();
        } catch (CompletionException e) {
            throw new AssertionError("live handshake refused: " + e.getCause(), e);
        }
        return client;
    }

    /** The HTTP response with which the handshake is refused; fails the test if it succeeds. */
    public static HttpResponse<?> refusedHandshake(TestNode node, String cookie, String origin) {
        LiveClient client = new LiveClient();
        try {
            WebSocket socket = handshake(node, cookie, origin, client.listener()).join();
            socket.abort();
            throw new AssertionError("live handshake was accepted (cookie " + cookie + ", origin " + origin + ")");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw new AssertionError("live handshake failed without an HTTP answer", e);
        }
    }

    private static CompletableFuture<WebSocket> handshake(TestNode node, String cookie, String origin, WebSocket.Listener listener) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://localhost:" + node.port() + "/live"), listener);
    }

    /** Sends a text frame as is. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a binary frame. */
    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends {@code subscribe} for the topics, resuming after the event id if it is not null. */
    public void subscribe(String after, String... topics) {
        ObjectNode frame = JSON.createObjectNode().put("type", "subscribe");
        for (String topic : topics) {
            frame.withArray("topics").add(topic);
        }
        if (after != null) {
            frame.put("after", after);
        }
        send(frame.toString());
    }

    /** Waits for the first frame (received so far or later) matching, failing the test after {@link #DEADLINE}. */
    public JsonNode await(String description, Predicate<JsonNode> matching) {
        Instant deadline = Instant.now().plus(DEADLINE);
        synchronized (frames) {
            while (true) {
                for (JsonNode frame : frames) {
                    if (matching.test(frame)) {
                        return frame;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + description + " within " + DEADLINE.toSeconds() + " s; received " + frames);
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for the first frame of the type. */
    public JsonNode awaitType(String type) {
        return await(type + " frame", frame -> type.equals(frame.path("type").asString()));
    }

    /** Waits for an event of the kind on the topic. */
    public JsonNode awaitEvent(String topic, String kind) {
        return await("event " + kind + " on " + topic, frame -> "event".equals(frame.path("type").asString())
                && topic.equals(frame.path("topic").asString()) && kind.equals(frame.path("kind").asString()));
    }

    /** Waits until the server closes the connection; its close code. */
    public int awaitClose() {
        Instant deadline = Instant.now().plus(DEADLINE);
        synchronized (frames) {
            while (closeCode == null) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("the server did not close the connection within " + DEADLINE.toSeconds() + " s");
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return closeCode;
        }
    }

    /** The events received so far, as {@code topic kind}, in order. */
    public List<String> events() {
        synchronized (frames) {
            return frames.stream().filter(frame -> "event".equals(frame.path("type").asString()))
                    .map(frame -> frame.path("topic").asString() + " " + frame.path("kind").asString()).toList();
        }
    }

    /** Every frame received so far, in order. */
    public List<JsonNode> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    private void received(JsonNode frame) {
        synchronized (frames) {
            frames.add(frame);
            frames.notifyAll();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode = statusCode;
                synchronized (frames) {
                    frames.notifyAll();
                }
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode = -1;
                synchronized (frames) {
                    frames.notifyAll();
                }
            }
        };
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
