package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's own changes to their profile (display name, email), audited with before and after. */
@Service
class Profiles {

    private final DSLContext db;
    private final JooqUsers users;
    private final AuditLog audit;

    Profiles(DSLContext db, JooqUsers users, AuditLog audit) {
        this.db = db;
        this.users = users;
        this.audit = audit;
    }

    /** Saves the (already valid) profile; blank values clear the field. */
    @Transactional
    UserAccount update(UserAccount before, @Nullable String email, @Nullable String displayName, @Nullable String clientIp) {
        String newEmail = blankToNull(email);
        String newName = blankToNull(displayName);
        db.update(USER).set(EMAIL, newEmail).set(DISPLAY_NAME, newName).where(ID.eq(before.id().toString())).execute();
        Map<String, String> details = new LinkedHashMap<>();
        if (!Objects.equals(before.email(), newEmail)) {
            details.put("email.before", String.valueOf(before.email()));
            details.put("email.after", String.valueOf(newEmail));
        }
        if (!Objects.equals(before.displayName(), newName)) {
            details.put("displayName.before", String.valueOf(before.displayName()));
            details.put("displayName.after", String.valueOf(newName));
        }
        if (!details.isEmpty()) {
            audit.record(AuditEvent.of(before.username(), clientIp, "profile.updated", "user:" + before.username(),
                    Outcome.SUCCESS, details));
        }
        return users.findById(before.id()).orElseThrow();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
