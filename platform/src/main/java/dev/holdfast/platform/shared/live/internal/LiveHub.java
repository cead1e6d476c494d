package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.LiveListener;
import dev.holdfast.platform.shared.live.Topic;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * This node's dispatcher: every event delivered here (published on this node or relayed from another) and every
 * subscription is handled on one thread, in order. So each event gets the next sequence number, enters the replay
 * buffer, and goes to each subscribed connection whose user may receive it, asked again at that moment (the topic's
 * part of that check once per event, then each subscriber's; subscribers are found by topic, not by walking every
 * connection); and a
 * subscription with a resume point gets exactly the buffered events it missed, no gap, no duplicate.
 *
 * <p>Event ids are {@code <node>-<seq>}: {@code node} is random per start, so an id from another node, or from
 * before a restart, is recognised and answered with {@code reset} (refresh everything) instead of a wrong replay.
 */
@Component
class LiveHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final TopicAuthorizers authorizers;
    private final LiveSettings settings;
    private final String node = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("live-dispatch").factory());
    private final ReplayBuffer buffer;
    private final Set<LiveConnection> connections = new HashSet<>();
    /** The connections subscribed to each topic; the same facts as each connection's {@code topics()}, by topic. */
    private final Map<Topic, Set<LiveConnection>> subscribers = new HashMap<>();

    /** Server-side listeners, looked up on first use (they may themselves publish, so they need this hub first). */
    private final ObjectProvider<LiveListener> listenerBeans;
    private @Nullable List<LiveListener> listeners;

    LiveHub(TopicAuthorizers authorizers, LiveSettings settings, ObjectProvider<LiveListener> listeners) {
        this.listenerBeans = listeners;
        this.authorizers = authorizers;
        this.settings = settings;
        this.buffer = new ReplayBuffer(settings.replayBuffer());
    }

    /** This node's name in event ids; random per start. */
    String node() {
        return node;
    }

    void opened(LiveConnection connection) {
        run(() -> {
            connections.add(connection);
            connection.send(LiveProtocol.welcome(id(buffer.last())));
        });
    }

    void closed(LiveConnection connection) {
        run(() -> {
            connections.remove(connection);
            connection.topics().forEach(topic -> unsubscribed(connection, topic));
        });
    }

    /** Delivers an event to this node's subscribers (whichever node published it). */
    void deliver(LiveEvent event) {
        run(() -> {
            for (LiveListener listener : listeners()) {
                if (listener.family().equals(event.topic().family())) {
                    hear(() -> listener.on(event.topic(), event.kind(), event.data()));
                }
            }
            Sequenced sequenced = buffer.append(event);
            Set<LiveConnection> receivers = subscribers.get(event.topic());
            if (receivers == null) {
                return;
            }
            String frame = LiveProtocol.event(id(sequenced.seq()), event);
            Predicate<Authentication> mayReceive = authorizers.receivers(event.topic());
            for (LiveConnection connection : receivers) {
                if (mayReceive.test(connection.who())) {
                    connection.send(frame);
                }
            }
        });
    }

    /**
     * Subscribes to the topics the connection's user may receive, refusing the others; with {@code after} (the last
     * event id the browser saw), first replays what it missed on the new topics, or says {@code reset} if it cannot.
     */
    void subscribe(LiveConnection connection, List<Topic> topics, @Nullable String after) {
        run(() -> {
            Set<Topic> added = new LinkedHashSet<>();
            for (Topic topic : topics) {
                String refusal = refusal(connection, topic);
                if (refusal != null) {
                    connection.send(LiveProtocol.refused(topic, refusal));
                } else if (!connection.topics().contains(topic)) {
                    connection.topics().add(topic);
                    subscribers.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(connection);
                    added.add(topic);
                }
            }
            connection.send(LiveProtocol.subscribed(topics.stream().filter(connection.topics()::contains).distinct().toList()));
            if (after != null) {
                replay(connection, added, after);
            }
        });
    }

    void unsubscribe(LiveConnection connection, List<Topic> topics) {
        run(() -> topics.forEach(topic -> {
            if (connection.topics().remove(topic)) {
                unsubscribed(connection, topic);
            }
        }));
    }

    private void unsubscribed(LiveConnection connection, Topic topic) {
        Set<LiveConnection> remaining = subscribers.get(topic);
        if (remaining != null && remaining.remove(connection) && remaining.isEmpty()) {
            subscribers.remove(topic);
        }
    }

    /** Tells every browser it may have missed events (e.g. relayed ones while the relay was down). */
    void reset() {
        run(() -> {
            listeners().forEach(listener -> hear(listener::missed));
            connections.forEach(connection -> connection.send(LiveProtocol.reset(id(buffer.last()))));
        });
    }

    /**
     * Tells the server-side listeners they may have missed other nodes' events: the relay started listening after
     * they loaded what they keep. Browsers are not told: none has been served from before that moment.
     */
    void listening() {
        run(() -> listeners().forEach(listener -> hear(listener::missed)));
    }

    private @Nullable String refusal(LiveConnection connection, Topic topic) {
        if (!authorizers.knows(topic.family())) {
            return "unknown-family";
        }
        if (!authorizers.mayReceive(connection.who(), topic)) {
            return "forbidden";
        }
        if (!connection.topics().contains(topic) && connection.topics().size() >= settings.maxSubscriptions()) {
            return "too-many-subscriptions";
        }
        return null;
    }

    private void replay(LiveConnection connection, Set<Topic> topics, String after) {
        Optional<List<Sequenced>> missed = seq(after).flatMap(buffer::after);
        if (missed.isEmpty()) {
            connection.send(LiveProtocol.reset(id(buffer.last())));
            return;
        }
        for (Sequenced sequenced : missed.get()) {
            Topic topic = sequenced.event().topic();
            if (topics.contains(topic) && authorizers.mayReceive(connection.who(), topic)) {
                connection.send(LiveProtocol.event(id(sequenced.seq()), sequenced.event()));
            }
        }
    }

    /** The sequence number in an event id of this node's current run; empty for any other id. */
    private Optional<Long> seq(String id) {
        String prefix = node + "-";
        if (!id.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(id.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String id(long seq) {
        return node + "-" + seq;
    }

    /** On the dispatch thread only. */
    private List<LiveListener> listeners() {
        if (listeners == null) {
            listeners = listenerBeans.orderedStream().toList();
        }
        return listeners;
    }

    /** A server-side listener's failure is logged and stops neither the delivery nor the other listeners. */
    private static void hear(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("A live listener failed", e);
        }
    }

    private void run(Runnable task) {
        try {
            dispatcher.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Live update dispatch failed", e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the node is stopping; browsers reconnect elsewhere or later
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        run(() -> new ArrayList<>(connections).forEach(connection -> connection.close(CloseStatus.GOING_AWAY)));
        dispatcher.shutdown();
        dispatcher.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
