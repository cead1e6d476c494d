package dev.holdfast.platform.identity.internal;

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

    SpringUserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
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
                audit.record(AuditEvent.of(actor, clientIp, "session.revoked", "user:" + username, Outcome.SUCCESS,
                        Map.of("session", handle)));
                return true;
            }
        }
        return false;
    }

    @Override
    public int revokeAll(String username, @Nullable String keep, @Nullable String actor, @Nullable String clientIp) {
        int ended = 0;
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (!handle(id).equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        if (ended > 0) {
            audit.record(AuditEvent.of(actor, clientIp, "session.revoked_all", "user:" + username, Outcome.SUCCESS,
                    Map.of("sessions", Integer.toString(ended), "kept", keep == null ? "none" : keep)));
        }
        return ended;
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
