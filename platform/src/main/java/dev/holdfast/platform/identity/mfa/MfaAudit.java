package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Records second-factor events: {@code mfa.enrolled|removed|verified|failed|code_sent|recovery_code_used|recovery_codes_regenerated}. */
@Component
class MfaAudit {

    private final AuditLog audit;

    MfaAudit(AuditLog audit) {
        this.audit = audit;
    }

    void success(UserAccount user, HttpServletRequest request, String action, Factor factor) {
        record(user, request, action, Outcome.SUCCESS, Map.of("factor", factor.id()));
    }

    void failure(UserAccount user, HttpServletRequest request, Factor factor, String reason) {
        record(user, request, "mfa.failed", Outcome.FAILURE, Map.of("factor", factor.id(), "reason", reason));
    }

    /** A sign-in completed with its second factor. */
    void signedIn(UserAccount user, HttpServletRequest request, Factor factor) {
        record(user, request, "mfa.verified", Outcome.SUCCESS, Map.of("factor", factor.id()));
        record(user, request, "login.succeeded", Outcome.SUCCESS, Map.of("method", "password", "factor", factor.id()));
    }

    void record(UserAccount user, HttpServletRequest request, String action, Outcome outcome, Map<String, String> details) {
        audit.record(AuditEvent.of(user.username(), request.getRemoteAddr(), action, "user:" + user.username(), outcome, details));
    }
}
