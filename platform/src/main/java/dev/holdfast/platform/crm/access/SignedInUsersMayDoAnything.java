package dev.holdfast.platform.crm.access;

import java.util.Set;
import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Placeholder until roles and teams exist: every signed-in user may do anything. Replaced by the role-based
 * implementation (which is {@code @Primary}); delete this class then.
 */
@Component
class SignedInUsersMayDoAnything implements RecordAccess {

    @Override
    public CrmUser user(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return new CrmUser(authentication.getName(), authentication.getName(), admin, Set.of());
    }

    @Override
    public Scope scope(CrmUser user, String entityType, Action action) {
        return Scope.ALL;
    }

    @Override
    public Condition condition(CrmUser user, String entityType, Action action, Table<?> table) {
        return DSL.trueCondition();
    }

    @Override
    public boolean permits(CrmUser user, String entityType, Action action, Ownership record) {
        return true;
    }

    @Override
    public boolean canRead(CrmUser user, String entityType, String field) {
        return true;
    }

    @Override
    public boolean canEdit(CrmUser user, String entityType, String field) {
        return true;
    }
}
