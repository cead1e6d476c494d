package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What several roles allow together, combined the way EspoCRM merges a user's roles: the most permissive wins.
 * <ul>
 * <li>Each action on an entity type gets the widest scope any role gives (ALL &gt; TEAM &gt; OWN &gt; NO).</li>
 * <li>Edit, delete and stream never reach further than read (a role that reads own records but edits all of
 * them edits only its own), as EspoCRM's role editor enforces.</li>
 * <li>A field may be read (edited) if any role that says something about its entity type lets it be read
 * (edited); a role about other entity types does not loosen a restriction. With no such role, fields are open
 * (the record scopes still decide whether there is anything to see).</li>
 * </ul>
 * Immutable and thread-safe; answers from memory.
 */
final class AccessTable {

    static final AccessTable NONE = combine(List.of());

    private final Map<String, Map<Action, Scope>> scopes;
    private final Map<String, Map<String, FieldAccess>> fields;
    private final Set<String> typesWithRoles;

    private AccessTable(Map<String, Map<Action, Scope>> scopes, Map<String, Map<String, FieldAccess>> fields,
            Set<String> typesWithRoles) {
        this.scopes = scopes;
        this.fields = fields;
        this.typesWithRoles = typesWithRoles;
    }

    static AccessTable combine(Collection<CrmRole> roles) {
        Map<String, Map<Action, Scope>> scopes = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (CrmRole role : roles) {
            types.addAll(role.permissions().keySet());
            types.addAll(role.fields().keySet());
            role.permissions().forEach((type, actions) -> actions.forEach((action, scope) ->
                    scopes.computeIfAbsent(type, t -> new EnumMap<>(Action.class)).merge(action, scope, AccessTable::wider)));
        }
        scopes.values().forEach(AccessTable::capByRead);
        Map<String, Map<String, FieldAccess>> fields = new HashMap<>();
        for (String type : types) {
            List<CrmRole> about = roles.stream().filter(role -> role.mentions(type)).toList();
            Set<String> named = new HashSet<>();
            about.forEach(role -> named.addAll(role.fields().getOrDefault(type, Map.of()).keySet()));
            for (String field : named) {
                FieldAccess combined = about.stream().map(role -> role.field(type, field))
                        .reduce(FieldAccess.HIDDEN, FieldAccess::or);
                if (!combined.equals(FieldAccess.READ_WRITE)) {
                    fields.computeIfAbsent(type, t -> new HashMap<>()).put(field, combined);
                }
            }
        }
        return new AccessTable(Map.copyOf(scopes), Map.copyOf(fields), Set.copyOf(types));
    }

    /** The wider of two scopes. */
    static Scope wider(Scope a, Scope b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static void capByRead(Map<Action, Scope> actions) {
        Scope read = actions.getOrDefault(Action.READ, Scope.NO);
        for (Action action : List.of(Action.EDIT, Action.DELETE, Action.STREAM)) {
            actions.computeIfPresent(action, (a, scope) -> scope.ordinal() < read.ordinal() ? read : scope);
        }
    }

    Scope scope(String entityType, Action action) {
        return scopes.getOrDefault(entityType, Map.of()).getOrDefault(action, Scope.NO);
    }

    boolean canRead(String entityType, String field) {
        return fields.getOrDefault(entityType, Map.of()).getOrDefault(field, FieldAccess.READ_WRITE).read();
    }

    boolean canEdit(String entityType, String field) {
        return fields.getOrDefault(entityType, Map.of()).getOrDefault(field, FieldAccess.READ_WRITE).edit();
    }

    /** The restricted fields, as the admin pages write them: {@code Type.field = read-only|hidden}, sorted. */
    java.util.List<String> fieldRules() {
        return fields.entrySet().stream().flatMap(type -> type.getValue().entrySet().stream()
                .map(field -> type.getKey() + "." + field.getKey() + " = " + field.getValue().label())).sorted().toList();
    }

    /** Entity types some role says something about. */
    Set<String> entityTypes() {
        return typesWithRoles;
    }
}
