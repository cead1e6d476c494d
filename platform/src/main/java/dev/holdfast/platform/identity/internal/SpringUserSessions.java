package dev.holdfast.platform.identity.internal;

import java.util.ArrayList;
import org.springframework.context.ApplicationEventPublisher;
import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserSessions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/** {@link UserSessions} over Spring Session's JDBC repository (indexed by principal name). */
@Service
class SpringUserSessions implements UserSessions {

    static final String SIGNED_IN_AT = "holdfast.signedInAt";
    static final String DEVICE = "holdfast.device";
    static final String CLIENT_IP = "holdfast.clientIp";

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    SpringUserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog audit,
            ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.audit = audit;
        this.events = events;
    }

    @Override
    public List<SessionInfo> list(String username) {
        return sessions.findByPrincipalName(username).values().stream()
                .filter(session -> !session.isExpired())
                .map(session -> new SessionInfo(handle(session.getId()), session.getAttributeOrDefault(DEVICE, "Unknown device"),
                        session.getAttribute(CLIENT_IP), session.getCreationTime(), session.getLastAccessedTime()))
                .sorted(Comparator.comparing(SessionInfo::lastSeenAt).reversed())
                .toList();
    }

    @Override
    public boolean revoke(String username, String handle, String actor, @Nullable String clientIp) {
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (handle(id).equals(handle)) {
                sessions.deleteById(id);
                events.publishEvent(new SessionsEnded(username, List.of(id)));
                audit.record(AuditEvent.of(actor, clientIp, "session.revoked", "user:" + username, Outcome.SUCCESS,
                        Map.of("session", handle)));
                return true;
            }
        }
        return false;
    }

    @Override
    public int revokeAll(String username, @Nullable String keep, @Nullable String actor, @Nullable String clientIp) {
        List<String> ended = new ArrayList<>();
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (!handle(id).equals(keep)) {
                sessions.deleteById(id);
                ended.add(id);
            }
        }
        if (!ended.isEmpty()) {
            events.publishEvent(new SessionsEnded(username, ended));
            audit.record(AuditEvent.of(actor, clientIp, "session.revoked_all", "user:" + username, Outcome.SUCCESS,
                    Map.of("sessions", Integer.toString(ended.size()), "kept", keep == null ? "none" : keep)));
        }
        return ended.size();
    }

    /** A stable public stand-in for a session id: the first 16 hex digits of its SHA-256. */
    static String handle(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
