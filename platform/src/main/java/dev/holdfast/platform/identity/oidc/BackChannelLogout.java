package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.shared.jobs.Jobs;
import dev.holdfast.platform.shared.jobs.OneOffJob;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenID Connect Back-Channel Logout 1.0: when a Holdfast session ends, every application the user signed in to in
 * that session and that registered a {@code backchannel_logout_uri} gets a signed logout token (iss, aud, iat, exp,
 * jti, sid, sub, events). Each application's delivery is a {@link OneOffJob}, so it is retried when the application
 * does not answer 2xx, and a slow application does not hold up the sign-out.
 */
class BackChannelLogout {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One logout token to deliver. */
    record Delivery(String clientId, String issuer, String subject, String sid, String username) {}

    private final DSLContext db;
    private final OidcClients clients;
    private final JwtEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final OneOffJob<Delivery> job = new OneOffJob<>("identity.oidc-backchannel-logout", Delivery.class, this::deliver);

    BackChannelLogout(DSLContext db, OidcClients clients, JwtEncoder encoder, AuditLog audit, Clock clock) {
        this.db = db;
        this.clients = clients;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The Holdfast session {@code sessionId} of {@code username} has ended: schedules a logout token for each
     * application signed in to in that session (found by the {@code sid} of the ID tokens issued in it).
     */
    void sessionEnded(Jobs jobs, String username, String sessionId) {
        String sid = sid(sessionId);
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        for (var row : db.select(HashedAuthorizations.CLIENT_ID, HashedAuthorizations.ID_TOKEN.metadata())
                .from(HashedAuthorizations.AUTHORIZATION)
                .where(HashedAuthorizations.mayBeOfSession(username, sid))
                .fetch()) {
            JsonNode claims = JSON.readTree(row.value2());
            if (!sid.equals(text(claims.findValue("sid")))) {
                continue;
            }
            var client = clients.find(row.value1());
            if (client.isPresent() && client.get().backchannelLogoutUri() != null) {
                deliveries.putIfAbsent(client.get().clientId(), new Delivery(client.get().clientId(),
                        text(claims.findValue("iss")), text(claims.findValue("sub")), sid, username));
            }
        }
        deliveries.values().forEach(delivery -> jobs.enqueue(job, delivery));
    }

    void deliver(Delivery delivery) throws IOException, InterruptedException {
        var client = clients.findByClient(delivery.clientId());
        if (client.isEmpty() || client.get().backchannelLogoutUri() == null) {
            return;
        }
        URI target = client.get().backchannelLogoutUri();
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(delivery.issuer()).audience(java.util.List.of(delivery.clientId()))
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(2))).id(UUID.randomUUID().toString())
                .subject(delivery.subject()).claim("sid", delivery.sid()).claim("events", Map.of(EVENT, Map.of())).build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding());
        boolean delivered = response.statusCode() / 100 == 2;
        audit.record(AuditEvent.of(delivery.username(), null, "oidc.backchannel_logout", "client:" + delivery.clientId(),
                delivered ? Outcome.SUCCESS : Outcome.FAILURE, Map.of("status", String.valueOf(response.statusCode()))));
        if (!delivered) {
            throw new IOException(target + " answered " + response.statusCode() + " to the logout token");
        }
    }

    /** The {@code sid} Spring's authorization server puts in ID tokens: SHA-256 of the session id, base64url. */
    static String sid(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A claim as the authorization's JSON stores it: a string, or a typed value written as [type, value]. */
    private static String text(@Nullable JsonNode node) {
        if (node == null) {
            return "";
        }
        return node.isArray() && node.size() == 2 ? node.get(1).asString() : node.asString();
    }
}
