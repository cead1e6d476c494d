package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks administrators' input (JSON of the API, fields of the admin pages) and turns it into roles, teams and
 * mappings. Anything wrong is an {@link AccessException} naming the field. Entity types and fields are accepted
 * by name (EspoCRM's patterns); whether they exist is the record store's business at decision time.
 */
final class AccessInput {

    /** EspoCRM's entity type names: a capital letter, then letters and digits (custom ones start with C). */
    static final Pattern ENTITY_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
    /** EspoCRM's field names: a lower-case letter, then letters and digits. */
    static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]{0,99}");
    static final String SCOPES = "all, team, own, no";

    private AccessInput() {}

    static String name(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw AccessException.invalid(field, "is required");
        }
        String name = value.strip();
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw AccessException.invalid(field, "must be at most 100 characters without control characters");
        }
        return name;
    }

    static @Nullable String description(@Nullable String value) {
        String description = AccessStore.blankToNull(value);
        if (description != null && description.length() > 500) {
            throw AccessException.invalid("description", "must be at most 500 characters");
        }
        return description;
    }

    static String entityType(String value, String field) {
        if (!ENTITY_TYPE.matcher(value).matches()) {
            throw AccessException.invalid(field, "is not an entity type name (a capital letter, then letters and digits)");
        }
        return value;
    }

    static String fieldName(String value, String field) {
        if (!FIELD.matcher(value).matches()) {
            throw AccessException.invalid(field, "is not a field name (a lower-case letter, then letters and digits)");
        }
        return value;
    }

    static Action action(String value, String field) {
        for (Action action : Action.values()) {
            if (action.name().equalsIgnoreCase(value)) {
                return action;
            }
        }
        throw AccessException.invalid(field, "is not an action; use create, read, edit, delete or stream");
    }

    /** A scope by name; EspoCRM's {@code yes} means all. Creating is all or nothing, as in EspoCRM. */
    static Scope scope(@Nullable String value, Action action, String field) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Scope scope = switch (name) {
            case "all", "yes" -> Scope.ALL;
            case "team" -> Scope.TEAM;
            case "own" -> Scope.OWN;
            case "no" -> Scope.NO;
            default -> throw AccessException.invalid(field, "must be one of " + SCOPES);
        };
        if (action == Action.CREATE && (scope == Scope.TEAM || scope == Scope.OWN)) {
            throw AccessException.invalid(field, "creating is all (yes) or no");
        }
        return scope;
    }

    static boolean yesNo(@Nullable JsonNode value, String field) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && (value.stringValue().equals("yes") || value.stringValue().equals("no"))) {
            return value.stringValue().equals("yes");
        }
        throw AccessException.invalid(field, "must be yes or no");
    }

    /** A role from the API's JSON: {@code {"name", "permissions": {Type: {action: scope}}, "fields": {Type: {field: {"read", "edit"}}}}}. */
    static CrmRole role(String id, @Nullable JsonNode body) {
        JsonNode json = object(body, "body");
        String name = name(text(json.get("name"), "name"), "name");
        Map<String, Map<Action, Scope>> permissions = new LinkedHashMap<>();
        for (var type : objectOrEmpty(json.get("permissions"), "permissions").properties()) {
            String path = "permissions." + type.getKey();
            entityType(type.getKey(), path);
            Map<Action, Scope> actions = new EnumMap<>(Action.class);
            for (var entry : object(type.getValue(), path).properties()) {
                Action action = action(entry.getKey(), path + "." + entry.getKey());
                actions.put(action, scope(text(entry.getValue(), path + "." + entry.getKey()), action, path + "." + entry.getKey()));
            }
            permissions.put(type.getKey(), actions);
        }
        Map<String, Map<String, FieldAccess>> fields = new LinkedHashMap<>();
        for (var type : objectOrEmpty(json.get("fields"), "fields").properties()) {
            String path = "fields." + type.getKey();
            entityType(type.getKey(), path);
            Map<String, FieldAccess> byField = new LinkedHashMap<>();
            for (var entry : object(type.getValue(), path).properties()) {
                String fieldPath = path + "." + entry.getKey();
                fieldName(entry.getKey(), fieldPath);
                JsonNode access = object(entry.getValue(), fieldPath);
                byField.put(entry.getKey(), new FieldAccess(yesNo(access.get("read"), fieldPath + ".read"),
                        yesNo(access.get("edit"), fieldPath + ".edit")));
            }
            fields.put(type.getKey(), byField);
        }
        return new CrmRole(id, name, permissions, fields);
    }

    /** Field rules from the admin page: one {@code Type.field = read-only|hidden|read-write} per line. */
    static Map<String, Map<String, FieldAccess>> fieldLines(@Nullable String text) {
        Map<String, Map<String, FieldAccess>> fields = new LinkedHashMap<>();
        if (text == null) {
            return fields;
        }
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = "fields (line " + number + ")";
            String[] parts = line.split("=", 2);
            String[] target = parts[0].strip().split("\\.", 2);
            if (parts.length != 2 || target.length != 2) {
                throw AccessException.invalid(where, "write Type.field = read-only, hidden or read-write");
            }
            String type = entityType(target[0], where);
            String field = fieldName(target[1], where);
            FieldAccess access = switch (parts[1].strip().toLowerCase(Locale.ROOT)) {
                case "read-only" -> FieldAccess.READ_ONLY;
                case "hidden" -> FieldAccess.HIDDEN;
                case "read-write" -> FieldAccess.READ_WRITE;
                default -> throw AccessException.invalid(where, "must be read-only, hidden or read-write");
            };
            fields.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, access);
        }
        return fields;
    }

    /** A list of strings (ids or names) under {@code field}; absent means none. */
    static List<String> strings(@Nullable JsonNode value, String field) {
        List<String> strings = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull()) {
            return strings;
        }
        if (!value.isArray()) {
            throw AccessException.invalid(field, "must be a list");
        }
        int index = 0;
        for (JsonNode item : value.values()) {
            String path = field + "[" + index++ + "]";
            if (!item.isString() || item.stringValue().isBlank()) {
                throw AccessException.invalid(path, "must be a non-empty string");
            }
            strings.add(item.stringValue().strip());
        }
        return strings;
    }

    static @Nullable String text(@Nullable JsonNode value, String field) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw AccessException.invalid(field, "must be a string");
        }
        return value.stringValue();
    }

    private static JsonNode object(@Nullable JsonNode value, String field) {
        if (value == null || !value.isObject()) {
            throw AccessException.invalid(field, "must be an object");
        }
        return value;
    }

    private static JsonNode objectOrEmpty(@Nullable JsonNode value, String field) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return object(value, field);
    }
}
