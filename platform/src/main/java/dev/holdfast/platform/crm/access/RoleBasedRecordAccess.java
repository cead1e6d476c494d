package dev.holdfast.platform.crm.access;

import static dev.holdfast.platform.crm.access.AccessTables.ENTITY_TEAM;
import static dev.holdfast.platform.crm.access.AccessTables.ENTITY_TEAM_ENTITY;
import static dev.holdfast.platform.crm.access.AccessTables.ENTITY_TEAM_TEAM;
import static dev.holdfast.platform.crm.access.AccessTables.ENTITY_TEAM_TYPE;

import dev.holdfast.platform.crm.access.AccessCache.Entry;
import dev.holdfast.platform.crm.access.AccessCache.Identity;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Decisions from CRM roles and teams, which follow the user's identity groups (see {@link AccessCache}). Identity
 * administrators may do everything. "Own" means assigned to the user, or, for a record without an assigned user
 * (or an entity without that field), created by the user; "team" adds the records of the user's teams. Every
 * decision is answered from memory once the user's access is cached.
 */
@Primary
@Component
class RoleBasedRecordAccess implements RecordAccess {

    static final String ASSIGNED_USER = "assigned_user_id";
    static final String CREATED_BY = "created_by_id";

    private final AccessCache cache;

    RoleBasedRecordAccess(AccessCache cache) {
        this.cache = cache;
    }

    @Override
    public CrmUser user(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        Optional<Identity> identity = cache.identify(authentication.getName());
        if (identity.isEmpty()) {
            return new CrmUser(authentication.getName(), authentication.getName(), admin, Set.of());
        }
        Entry entry = cache.get(identity.get().userId());
        return new CrmUser(identity.get().userId(), identity.get().displayName(), admin, entry.teamIds());
    }

    @Override
    public Scope scope(CrmUser user, String entityType, Action action) {
        return user.administrator() ? Scope.ALL : cache.get(user.userId()).table().scope(entityType, action);
    }

    @Override
    public Condition condition(CrmUser user, String entityType, Action action, Table<?> table) {
        return switch (scope(user, entityType, action)) {
            case ALL -> DSL.trueCondition();
            case NO -> DSL.falseCondition();
            case OWN -> owned(user, table);
            case TEAM -> owned(user, table).or(inTeams(teamsOf(user), entityType, table));
        };
    }

    @Override
    public boolean permits(CrmUser user, String entityType, Action action, Ownership record) {
        return switch (scope(user, entityType, action)) {
            case ALL -> true;
            case NO -> false;
            case OWN -> owns(user, record);
            case TEAM -> owns(user, record) || !Collections.disjoint(record.teamIds(), teamsOf(user));
        };
    }

    @Override
    public boolean canRead(CrmUser user, String entityType, String field) {
        return user.administrator() || cache.get(user.userId()).table().canRead(entityType, field);
    }

    @Override
    public boolean canEdit(CrmUser user, String entityType, String field) {
        return user.administrator() || cache.get(user.userId()).table().canEdit(entityType, field);
    }

    /** The user's current teams (fresher than the ones the {@link CrmUser} was made with). */
    private Set<String> teamsOf(CrmUser user) {
        return cache.get(user.userId()).teamIds();
    }

    private static boolean owns(CrmUser user, Ownership record) {
        String owner = record.assignedUserId() != null ? record.assignedUserId() : record.createdById();
        return user.userId().equals(owner);
    }

    private static Condition owned(CrmUser user, Table<?> table) {
        Field<String> assigned = column(table, ASSIGNED_USER);
        Field<String> createdBy = column(table, CREATED_BY);
        if (assigned != null && createdBy != null) {
            return assigned.eq(user.userId()).or(assigned.isNull().and(createdBy.eq(user.userId())));
        }
        if (assigned != null) {
            return assigned.eq(user.userId());
        }
        if (createdBy != null) {
            return createdBy.eq(user.userId());
        }
        throw new IllegalArgumentException("table " + table.getName() + " declares neither " + ASSIGNED_USER + " nor "
                + CREATED_BY + "; pass a table that declares its fields");
    }

    private static Condition inTeams(Set<String> teams, String entityType, Table<?> table) {
        Field<String> id = column(table, "id");
        if (teams.isEmpty()) {
            return DSL.falseCondition();
        }
        if (id == null) {
            throw new IllegalArgumentException("table " + table.getName() + " declares no id field");
        }
        return DSL.exists(DSL.selectOne().from(ENTITY_TEAM).where(ENTITY_TEAM_TYPE.eq(entityType),
                ENTITY_TEAM_ENTITY.eq(id), ENTITY_TEAM_TEAM.in(teams)));
    }

    private static @Nullable Field<String> column(Table<?> table, String name) {
        return table.field(name, String.class);
    }
}
