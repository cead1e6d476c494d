package dev.holdfast.platform.shared.live.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * Closes a live connection (1008) once the HTTP session it was opened in has ended: signed out (at once, on this
 * node), expired, or revoked on any node (within one check interval). Sessions live in the session repository
 * (the database), not in the servlet container, so the container cannot do this itself.
 */
@Component
class SessionWatch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionWatch.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final SessionRepository<? extends Session> sessions;
    private final Map<String, WebSocketSession> sockets = new ConcurrentHashMap<>();
    private final Thread checker;

    SessionWatch(SessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
        this.checker = Thread.ofVirtual().name("live-session-watch").start(this::checkForever);
    }

    void opened(WebSocketSession socket) {
        if (httpSession(socket) != null) {
            sockets.put(socket.getId(), socket);
        }
    }

    void closed(WebSocketSession socket) {
        sockets.remove(socket.getId());
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        check();
    }

    private void checkForever() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL);
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("Could not check live connections' sessions: {}", e.toString());
            }
        }
    }

    private void check() {
        for (WebSocketSession socket : sockets.values()) {
            String id = httpSession(socket);
            Session session = id == null ? null : sessions.findById(id);
            if (session == null || session.isExpired()) {
                close(socket);
            }
        }
    }

    private void close(WebSocketSession socket) {
        sockets.remove(socket.getId());
        try {
            socket.close(CloseStatus.POLICY_VIOLATION.withReason("signed out"));
        } catch (IOException e) {
            log.debug("Could not close live connection {}: {}", socket.getId(), e.toString());
        }
    }

    private static String httpSession(WebSocketSession socket) {
        return (String) socket.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME);
    }

    @Override
    public void destroy() {
        checker.interrupt();
    }
}
