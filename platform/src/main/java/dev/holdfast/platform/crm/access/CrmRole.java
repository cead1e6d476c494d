package dev.holdfast.platform.crm.access;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CRM role as EspoCRM has it: per entity type a scope for each action (an action it does not name is
 * {@link Scope#NO}), and per entity field whether it may be read and edited (a field it does not name may be).
 *
 * @param permissions entity type → action → scope
 * @param fields entity type → field → access
 */
record CrmRole(String id, String name, Map<String, Map<Action, Scope>> permissions,
        Map<String, Map<String, FieldAccess>> fields) {

    CrmRole {
        Map<String, Map<Action, Scope>> copied = new LinkedHashMap<>();
        permissions.forEach((type, actions) -> copied.put(type, actions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(actions))));
        permissions = java.util.Collections.unmodifiableMap(copied);
        Map<String, Map<String, FieldAccess>> copiedFields = new LinkedHashMap<>();
        fields.forEach((type, byField) -> copiedFields.put(type, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byField))));
        fields = java.util.Collections.unmodifiableMap(copiedFields);
    }

    /** The scope this role gives for the action on the entity type. */
    Scope scope(String entityType, Action action) {
        return permissions.getOrDefault(entityType, Map.of()).getOrDefault(action, Scope.NO);
    }

    /** Whether the role says anything about the entity type (its scopes or its fields). */
    boolean mentions(String entityType) {
        return permissions.containsKey(entityType) || fields.containsKey(entityType);
    }

    FieldAccess field(String entityType, String field) {
        return fields.getOrDefault(entityType, Map.of()).getOrDefault(field, FieldAccess.READ_WRITE);
    }

    /** Field-level access: a field that cannot be read cannot be edited either. */
    record FieldAccess(boolean read, boolean edit) {

        static final FieldAccess READ_WRITE = new FieldAccess(true, true);
        static final FieldAccess READ_ONLY = new FieldAccess(true, false);
        static final FieldAccess HIDDEN = new FieldAccess(false, false);

        FieldAccess {
            edit = edit && read;
        }

        /** The more permissive of the two. */
        FieldAccess or(FieldAccess other) {
            return new FieldAccess(read || other.read, edit || other.edit);
        }

        /** How the admin page writes it: {@code read-write}, {@code read-only} or {@code hidden}. */
        String label() {
            return edit ? "read-write" : read ? "read-only" : "hidden";
        }
    }
}
