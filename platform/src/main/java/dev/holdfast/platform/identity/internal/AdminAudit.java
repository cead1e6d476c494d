package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Records administrative changes: who, from where, what (action and target), and the fields that changed as
 * {@code before.<field>} and {@code after.<field>} details (an empty string stands for "none").
 */
@Component
class AdminAudit {

    private final AuditLog audit;

    AdminAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** Records a change; before is empty for a creation, after is empty for a deletion. */
    void record(Actor actor, String action, String target, Map<String, String> before, Map<String, String> after) {
        audit.record(AuditEvent.of(actor.name(), actor.clientIp(), action, target, Outcome.SUCCESS, diff(before, after)));
    }

    static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
        Map<String, String> details = new LinkedHashMap<>();
        var fields = new TreeSet<String>(before.keySet());
        fields.addAll(after.keySet());
        for (String field : fields) {
            String was = before.get(field);
            String is = after.get(field);
            if (!Objects.equals(was, is)) {
                details.put("before." + field, was == null ? "" : was);
                details.put("after." + field, is == null ? "" : is);
            }
        }
        return details;
    }
}
