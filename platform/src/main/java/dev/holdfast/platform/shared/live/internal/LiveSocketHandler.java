package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.live.internal.LiveProtocol.BadFrameException;
import dev.holdfast.platform.shared.live.internal.LiveProtocol.Ping;
import dev.holdfast.platform.shared.live.internal.LiveProtocol.Subscribe;
import dev.holdfast.platform.shared.live.internal.LiveProtocol.Unsubscribe;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The {@code /live} WebSocket: turns frames from the browser into {@link LiveHub} calls; bad frames get an error frame. */
@Component
class LiveSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);
    private static final String CONNECTION = LiveConnection.class.getName();

    private final LiveHub hub;
    private final LiveSettings settings;
    private final SessionWatch sessions;

    LiveSocketHandler(LiveHub hub, LiveSettings settings, SessionWatch sessions) {
        this.hub = hub;
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (!(session.getPrincipal() instanceof Authentication who) || !who.isAuthenticated()) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("not signed in"));
            return;
        }
        LiveConnection connection = new LiveConnection(session, who, settings.sendBuffer());
        session.getAttributes().put(CONNECTION, connection);
        hub.opened(connection);
        sessions.opened(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        LiveConnection connection = connection(session);
        if (connection == null) {
            return;
        }
        try {
            switch (LiveProtocol.read(message.getPayload())) {
                case Subscribe subscribe -> hub.subscribe(connection, subscribe.topics(), subscribe.after());
                case Unsubscribe unsubscribe -> hub.unsubscribe(connection, unsubscribe.topics());
                case Ping ping -> connection.send(LiveProtocol.pong());
            }
        } catch (BadFrameException e) {
            connection.send(LiveProtocol.error(e.code, e.getMessage()));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        LiveConnection connection = connection(session);
        if (connection != null) {
            connection.send(LiveProtocol.error("binary", "frames are JSON text"));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Live connection {} failed: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.closed(session);
        LiveConnection connection = connection(session);
        if (connection != null) {
            connection.closed();
            hub.closed(connection);
        }
    }

    private static @Nullable LiveConnection connection(WebSocketSession session) {
        return (LiveConnection) session.getAttributes().get(CONNECTION);
    }
}
