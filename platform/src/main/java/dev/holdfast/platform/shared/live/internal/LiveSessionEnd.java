package dev.holdfast.platform.shared.live.internal;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;

/** Closes a browser's live connections when its HTTP session ends (sign-out or expiry), so they stop receiving. */
@Component
class LiveSessionEnd implements HttpSessionListener {

    private final LiveHub hub;

    LiveSessionEnd(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        hub.sessionEnded(event.getSession().getId());
    }
}
