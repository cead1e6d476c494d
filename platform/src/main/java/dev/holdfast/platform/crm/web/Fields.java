package dev.holdfast.platform.crm.web;

import dev.holdfast.platform.crm.internal.WebRecords.EntityInfo;
import dev.holdfast.platform.crm.internal.WebRecords.FieldInfo;
import dev.holdfast.platform.crm.web.Views.Cell;
import dev.holdfast.platform.crm.web.Views.Control;
import dev.holdfast.platform.crm.web.Views.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/** Field values as pages show them, form controls generated from field definitions, and form input back to a record body. */
final class Fields {

    static final List<String> ADDRESS_PARTS = List.of("Street", "City", "State", "PostalCode", "Country");
    /** Field types a form edits; the others are shown but not edited here. */
    static final Set<String> EDITABLE = Set.of("varchar", "text", "int", "float", "currency", "bool", "date", "datetime", "enum",
            "multiEnum", "link", "linkParent", "email", "phone", "url", "personName", "address");
    /** Field types that make good list columns. */
    static final Set<String> COLUMN_TYPES = Set.of("varchar", "int", "float", "currency", "bool", "date", "datetime", "enum",
            "link", "email", "phone", "url", "autoincrement");

    private Fields() {}

    /** "billingAddress" → "Billing address". */
    static String label(String name) {
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                label.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                label.append(' ').append(Character.toLowerCase(c));
            } else {
                label.append(c);
            }
        }
        return label.toString();
    }

    /** "Opportunity" → "Opportunities", "Case" → "Cases". */
    static String plural(String entity) {
        if (entity.endsWith("y") && entity.length() > 1 && "aeiou".indexOf(entity.charAt(entity.length() - 2)) < 0) {
            return entity.substring(0, entity.length() - 1) + "ies";
        }
        return entity.endsWith("s") ? entity + "es" : entity + "s";
    }

    static String title(EntityInfo entity, Map<String, Object> record) {
        Object name = record.get("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        return entity.name() + " " + record.get("id");
    }

    /** A field's value for reading. */
    static Cell cell(FieldInfo field, Map<String, Object> record) {
        String f = field.name();
        return switch (field.type()) {
            case "link" -> {
                Object id = record.get(f + "Id");
                Object name = record.get(f + "Name");
                String text = name == null ? (id == null ? "" : id.toString()) : name.toString();
                yield new Cell(text, id == null || field.target() == null || "User".equals(field.target()) || "Team".equals(field.target())
                        ? null : "/crm/" + field.target() + "/" + id);
            }
            case "linkParent" -> {
                Object id = record.get(f + "Id");
                Object type = record.get(f + "Type");
                Object name = record.get(f + "Name");
                yield new Cell(id == null ? "" : (name == null ? type + " " + id : name.toString()),
                        id == null || type == null ? null : "/crm/" + type + "/" + id);
            }
            case "linkMultiple" -> Cell.of(joined(record.get(f + "Names")));
            case "currency" -> Cell.of(money(record.get(f), record.get(f + "Currency")));
            case "bool" -> Cell.of(record.get(f) == null ? "" : Boolean.TRUE.equals(record.get(f)) ? "Yes" : "No");
            case "address" -> {
                List<String> parts = new ArrayList<>();
                for (String part : ADDRESS_PARTS) {
                    if (record.get(f + part) instanceof String s && !s.isBlank()) {
                        parts.add(s);
                    }
                }
                yield Cell.of(String.join(", ", parts));
            }
            case "attachmentMultiple" -> Cell.of(record.get(f + "Ids") instanceof List<?> list && !list.isEmpty() ? list.size() + " files" : "");
            case "multiEnum", "jsonArray" -> Cell.of(joined(record.get(f)));
            case "url" -> record.get(f) instanceof String url && (url.startsWith("https://") || url.startsWith("http://"))
                    ? new Cell(url, url) : Cell.of(record.get(f));
            case "email" -> record.get(f) instanceof String mail && !mail.isBlank() ? new Cell(mail, "mailto:" + mail) : Cell.of("");
            default -> Cell.of(record.get(f));
        };
    }

    static String money(@Nullable Object amount, @Nullable Object currency) {
        if (!(amount instanceof Number n)) {
            return "";
        }
        return String.format(Locale.ROOT, "%,.2f", n.doubleValue()) + (currency == null ? "" : " " + currency);
    }

    private static String joined(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return String.join(", ", map.values().stream().map(String::valueOf).toList());
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : value.toString();
    }

    static boolean editable(FieldInfo field) {
        return !field.readOnly() && (EDITABLE.contains(field.type()) || field.name().equals("teams"))
                && (!field.system() || field.name().equals("assignedUser") || field.name().equals("teams"));
    }

    /**
     * The controls of one field with their current values ({@code values}: attribute → text as the form shows it);
     * {@code linkOptions} the choices of a link field.
     */
    static List<Control> controls(FieldInfo field, Map<String, String> values, List<Option> linkOptions) {
        return controls(field, values, linkOptions, List.of());
    }

    /** {@code parentTypes}: for a parent link, the types it may point at (the user may read), the chosen one selected. */
    static List<Control> controls(FieldInfo field, Map<String, String> values, List<Option> linkOptions, List<Option> parentTypes) {
        String f = field.name();
        String label = label(f);
        boolean required = field.required();
        return switch (field.type()) {
            case "text" -> List.of(control(f, label, "textarea", values, List.of(), required, field.maxLength(), null));
            case "int" -> List.of(control(f, label, "number", values, List.of(), required, null, "1"));
            case "float" -> List.of(control(f, label, "number", values, List.of(), required, null, "any"));
            case "currency" -> List.of(control(f, label, "number", values, List.of(), required, null, "0.01"),
                    control(f + "Currency", label + " currency", "text", values, List.of(), false, 3, null));
            case "bool" -> List.of(control(f, label, "checkbox", values, List.of(), false, null, null));
            case "date" -> List.of(control(f, label, "date", values, List.of(), required, null, null));
            case "datetime" -> List.of(control(f, label + " (UTC)", "datetime-local", values, List.of(), required, null, null));
            case "enum" -> List.of(control(f, label, "select", values, options(field.options(), values.get(f)), required, null, null));
            case "multiEnum" -> List.of(control(f, label, "multiselect", values,
                    field.options().stream().map(o -> new Option(o, o, List.of(values.getOrDefault(f, "").split("\n")).contains(o))).toList(),
                    required, null, null));
            case "link" -> {
                Control select = control(f + "Id", label, "select", values, linkOptions, required, null, null);
                String target = field.target();
                yield List.of(target == null || "User".equals(target) || "Team".equals(target) ? select
                        : new Control(select.name(), label, "select", select.value(), linkOptions, required, null, null,
                        "/crm/" + target + "/options"));
            }
            case "linkParent" -> {
                List<Option> types = new ArrayList<>();
                types.add(new Option("", "(none)", values.getOrDefault(f + "Type", "").isEmpty()));
                types.addAll(parentTypes);
                yield List.of(new Control(f + "Type", label + " type", "select", values.getOrDefault(f + "Type", ""), types, required,
                                null, null, null, null, "/crm/parent-options", f + "Id"),
                        new Control(f + "Id", label, "select", values.getOrDefault(f + "Id", ""), linkOptions, required, null, null,
                                "/crm/parent-options", "#f-" + f + "Type", null, null));
            }
            case "linkMultiple" -> List.of(control(f + "Ids", label, "multiselect", values, linkOptions, required, null, null));
            case "email" -> List.of(control(f, label, "email", values, List.of(), required, null, null));
            case "phone" -> List.of(control(f, label, "tel", values, List.of(), required, null, null));
            case "url" -> List.of(control(f, label, "url", values, List.of(), required, field.maxLength(), null));
            case "personName" -> List.of(
                    control("first" + capitalize(f), "First name", "text", values, List.of(), false, 100, null),
                    control("last" + capitalize(f), "Last name", "text", values, List.of(), required, 100, null));
            case "address" -> ADDRESS_PARTS.stream().map(part -> control(f + part, label(part), "text", values, List.of(), false, 255, null)).toList();
            default -> List.of(control(f, label, "text", values, List.of(), required, field.maxLength(), null));
        };
    }

    private static Control control(String name, String label, String kind, Map<String, String> values, List<Option> options,
            boolean required, @Nullable Integer maxLength, @Nullable String step) {
        return new Control(name, label, kind, values.getOrDefault(name, ""), options, required, maxLength, step, null);
    }

    private static List<Option> options(List<String> options, @Nullable String selected) {
        return options.stream().map(o -> new Option(o, o.isEmpty() ? "(none)" : o, o.equals(selected))).toList();
    }

    static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A record's values as form text, by attribute (datetimes as datetime-local wants them). */
    static Map<String, String> formValues(EntityInfo entity, Map<String, Object> record) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldInfo field : entity.fields()) {
            for (String attribute : field.attributes()) {
                Object value = record.get(attribute);
                if (value == null) {
                    continue;
                }
                if (field.type().equals("datetime") && value instanceof String s && s.length() >= 16) {
                    values.put(attribute, s.substring(0, 10) + "T" + s.substring(11, 16));
                } else if (field.type().equals("bool")) {
                    values.put(attribute, Boolean.TRUE.equals(value) ? "true" : "");
                } else if (value instanceof List<?> list) {
                    values.put(attribute, String.join("\n", list.stream().map(String::valueOf).toList()));
                } else if (value instanceof Double d && d == Math.rint(d) && !field.type().equals("float")) {
                    values.put(attribute, String.format(Locale.ROOT, "%.2f", d));
                } else {
                    values.put(attribute, value.toString());
                }
            }
        }
        return values;
    }

    /** The submitted form's values as form text, by attribute (to show the form again with what was typed). */
    static Map<String, String> submitted(EntityInfo entity, MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldInfo field : entity.fields()) {
            for (String attribute : field.attributes()) {
                List<String> given = form.get(attribute);
                if (given != null && !given.isEmpty()) {
                    values.put(attribute, field.type().equals("bool") ? "true" : String.join("\n", given));
                }
            }
        }
        return values;
    }

    /** The submitted form as the record store's JSON body: numbers parsed, checkboxes as booleans, empty as null. */
    static Map<String, Object> body(EntityInfo entity, MultiValueMap<String, String> form, java.util.function.Predicate<FieldInfo> mayEdit) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (FieldInfo field : entity.fields()) {
            if (!editable(field) || !mayEdit.test(field)) {
                continue;
            }
            String f = field.name();
            switch (field.type()) {
                case "int" -> body.put(f, number(form.getFirst(f), true));
                case "float" -> body.put(f, number(form.getFirst(f), false));
                case "currency" -> {
                    body.put(f, number(form.getFirst(f), false));
                    String currency = text(form.getFirst(f + "Currency"));
                    body.put(f + "Currency", currency == null ? null : currency.toUpperCase(Locale.ROOT));
                }
                case "bool" -> body.put(f, form.containsKey(f));
                case "datetime" -> {
                    String value = text(form.getFirst(f));
                    body.put(f, value == null ? null : value.replace('T', ' '));
                }
                case "enum" -> body.put(f, form.getFirst(f) == null ? (field.options().contains("") ? "" : null) : form.getFirst(f));
                case "multiEnum" -> body.put(f, form.getOrDefault(f, List.of()).stream().filter(v -> !v.isEmpty()).toList());
                case "link" -> body.put(f + "Id", text(form.getFirst(f + "Id")));
                case "linkParent" -> {
                    String id = text(form.getFirst(f + "Id"));
                    String type = text(form.getFirst(f + "Type"));
                    body.put(f + "Type", id == null ? null : type);
                    body.put(f + "Id", type == null ? null : id);
                }
                case "linkMultiple" -> body.put(f + "Ids", form.getOrDefault(f + "Ids", List.of()).stream().filter(v -> !v.isBlank()).toList());
                case "personName" -> {
                    body.put("first" + capitalize(f), text(form.getFirst("first" + capitalize(f))));
                    body.put("last" + capitalize(f), text(form.getFirst("last" + capitalize(f))));
                }
                case "address" -> ADDRESS_PARTS.forEach(part -> body.put(f + part, text(form.getFirst(f + part))));
                case "email", "phone" -> body.put(f, form.getFirst(f) == null ? null : form.getFirst(f).strip());
                default -> body.put(f, text(form.getFirst(f)));
            }
        }
        return body;
    }

    private static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A number, or the text as typed so that the record store names the field in its refusal. */
    private static @Nullable Object number(@Nullable String value, boolean whole) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return whole ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** The field a refusal names (by attribute: {@code accountId} → account), or null. */
    static @Nullable String fieldOf(EntityInfo entity, @Nullable String attribute) {
        if (attribute == null) {
            return null;
        }
        for (FieldInfo field : entity.fields()) {
            if (field.name().equals(attribute) || field.attributes().contains(attribute)) {
                return field.name();
            }
        }
        return null;
    }
}
