package dev.holdfast.platform.identity.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration in this node's memory for five minutes, keyed by session id.
 * Spring Security's default keeps them in the HTTP session, but {@link PublicKeyCredentialCreationOptions} is not
 * Serializable (spring-security#16431), so sessions in the database cannot hold it. Consequence: a registration
 * must finish on the node that began it (seconds later, so only a load balancer without affinity notices).
 */
final class NodeLocalCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    private static final Duration TTL = Duration.ofMinutes(5);

    private record Pending(PublicKeyCredentialCreationOptions options, long expiresAt) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    NodeLocalCreationOptions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, @Nullable PublicKeyCredentialCreationOptions options) {
        long now = clock.millis();
        pending.values().removeIf(entry -> entry.expiresAt() <= now);
        String session = request.getSession().getId();
        if (options == null) {
            pending.remove(session);
        } else {
            pending.put(session, new Pending(options, now + TTL.toMillis()));
        }
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        var session = request.getSession(false);
        Pending entry = session == null ? null : pending.get(session.getId());
        return entry == null || entry.expiresAt() <= clock.millis() ? null : entry.options();
    }
}
