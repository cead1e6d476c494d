package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.Topic;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One browser's WebSocket: who it is, what it subscribed to, and its outgoing queue. Messages are sent in the
 * order queued, by one virtual thread of its own, so a slow browser never holds up the dispatcher; one that falls
 * more than the send buffer behind is disconnected (it reconnects and resumes).
 * {@link #topics()} belongs to the dispatcher thread; {@link #send} may be called from any thread.
 */
final class LiveConnection {

    /** Close code: the browser did not read its messages fast enough. */
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "too slow, reconnect");

    private final WebSocketSession session;
    private final Authentication who;
    private final Set<Topic> topics = new HashSet<>();
    private final ThreadPoolExecutor outbox;

    LiveConnection(WebSocketSession session, Authentication who, int sendBuffer) {
        this.session = session;
        this.who = who;
        this.outbox = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(sendBuffer),
                Thread.ofVirtual().name("live-send-" + session.getId()).factory());
    }

    Authentication who() {
        return who;
    }

    /** The topics subscribed to; dispatcher thread only. */
    Set<Topic> topics() {
        return topics;
    }

    /** Queues a frame; disconnects the browser if its queue is full. */
    void send(String frame) {
        try {
            outbox.execute(() -> write(frame));
        } catch (RejectedExecutionException full) {
            if (!outbox.isShutdown()) {
                close(TOO_SLOW);
            }
        }
    }

    void close(CloseStatus status) {
        outbox.shutdownNow();
        try {
            session.close(status);
        } catch (IOException | RuntimeException alreadyGone) {
            // the browser is gone already; nothing to tell it
        }
    }

    /** Stops sending after the browser went away. */
    void closed() {
        outbox.shutdownNow();
    }

    private void write(String frame) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (IOException | RuntimeException e) {
            close(CloseStatus.SERVER_ERROR);
        }
    }

    @Override
    public String toString() {
        return "LiveConnection[" + session.getId() + " " + who.getName() + "]";
    }
}
