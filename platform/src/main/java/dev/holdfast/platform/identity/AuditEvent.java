package dev.holdfast.platform.identity;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log: who did what to what, from where, when, and how it ended.
 *
 * @param seq position in the chain, from 1; 0 for an event not yet recorded
 * @param actor username of who acted, or null for the system or an unknown person
 * @param clientIp address the request came from, or null outside a request
 * @param action what happened, dotted lower case, e.g. {@code login.failed}, {@code user.created}
 * @param target what it happened to, e.g. {@code user:3f…}, or null
 * @param details anything else worth keeping (reason, before and after), flat string values; never secrets
 */
public record AuditEvent(long seq, Instant occurredAt, @Nullable String actor, @Nullable String clientIp, String action,
        @Nullable String target, Outcome outcome, Map<String, String> details) {

    /** How the audited action ended. */
    public enum Outcome {
        SUCCESS, FAILURE, DENIED
    }

    public AuditEvent {
        if (!action.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("audit action must be dotted lower case, e.g. login.failed: " + action);
        }
        details = Map.copyOf(details);
    }

    /** An event to record now; {@link AuditLog#record} fills in the sequence number and time. */
    public static AuditEvent of(@Nullable String actor, @Nullable String clientIp, String action, @Nullable String target,
            Outcome outcome, Map<String, String> details) {
        return new AuditEvent(0, Instant.EPOCH, actor, clientIp, action, target, outcome, details);
    }
}
