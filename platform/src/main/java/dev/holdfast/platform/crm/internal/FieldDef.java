package dev.holdfast.platform.crm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One field of an entity type, with EspoCRM's options.
 *
 * @param defaultValue the value a new record gets when the field is not given (a string, number, boolean or list)
 * @param options the allowed values of enum and multiEnum fields
 */
record FieldDef(String name, FieldType type, boolean required, boolean readOnly, @Nullable Object defaultValue,
        boolean audited, @Nullable String pattern, @Nullable Integer maxLength, List<String> options, boolean custom) {

    FieldDef {
        options = List.copyOf(options);
    }

    static FieldDef of(String name, FieldType type) {
        return new FieldDef(name, type, false, false, null, false, null, null, List.of(), false);
    }

    FieldDef asRequired() {
        return new FieldDef(name, type, true, readOnly, defaultValue, audited, pattern, maxLength, options, custom);
    }

    FieldDef asReadOnly() {
        return new FieldDef(name, type, required, true, defaultValue, audited, pattern, maxLength, options, custom);
    }

    FieldDef asAudited() {
        return new FieldDef(name, type, required, readOnly, defaultValue, true, pattern, maxLength, options, custom);
    }

    FieldDef defaultValue(Object value) {
        return new FieldDef(name, type, required, readOnly, value, audited, pattern, maxLength, options, custom);
    }

    FieldDef maxLength(int length) {
        return new FieldDef(name, type, required, readOnly, defaultValue, audited, pattern, length, options, custom);
    }

    FieldDef options(String... values) {
        return new FieldDef(name, type, required, readOnly, defaultValue, audited, pattern, maxLength, List.of(values), custom);
    }

    /** The definition as EspoCRM's metadata spells it ({@code entityDefs.<Entity>.fields.<field>}). */
    Map<String, Object> toMetadata() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type.espoName());
        if (required) {
            map.put("required", true);
        }
        if (readOnly) {
            map.put("readOnly", true);
        }
        if (defaultValue != null) {
            map.put("default", defaultValue);
        }
        if (audited) {
            map.put("audited", true);
        }
        if (pattern != null) {
            map.put("pattern", pattern);
        }
        if (maxLength != null) {
            map.put("maxLength", maxLength);
        }
        if (!options.isEmpty()) {
            map.put("options", options);
        }
        if (custom) {
            map.put("isCustom", true);
        }
        return map;
    }
}
