package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.internal.Attribute.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The values of a create or update request, checked against the metadata and converted to columns. Read-only and
 * computed attributes ({@code accountName}, {@code createdAt}) are ignored, as EspoCRM does, so a client may send a
 * record back as it got it; an attribute the entity does not have is refused with a 400 naming it.
 */
final class RecordInput {

    /** Most attributes one request may set. */
    static final int MAX_ATTRIBUTES = 300;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private final Map<String, List<String>> linkIds = new LinkedHashMap<>();
    private final boolean creating;

    private RecordInput(boolean creating) {
        this.creating = creating;
    }

    static RecordInput read(EntityDef entity, Map<String, Object> rawBody, @Nullable Map<String, Object> before,
            BiPredicate<String, String> linkExists) {
        if (rawBody.size() > MAX_ATTRIBUTES) {
            throw CrmApiException.invalid("body", "More than " + MAX_ATTRIBUTES + " attributes.");
        }
        Map<String, Object> body = new LinkedHashMap<>(rawBody);
        RecordInput input = new RecordInput(before == null);
        for (FieldDef field : entity.fields().values()) {
            if (field.type() == FieldType.EMAIL || field.type() == FieldType.PHONE) {
                primaryAndData(field, body);
            }
        }
        for (var entry : body.entrySet()) {
            String name = entry.getKey();
            if (Records.ignored(name)) {
                continue;
            }
            Attribute attribute = entity.attribute(name).orElseThrow(() -> CrmApiException.invalid(WhereItem.shorten(name),
                    "Unknown attribute '" + WhereItem.shorten(name) + "' of " + entity.name() + "."));
            if (attribute.field().readOnly() || Records.nameLike(attribute)) {
                continue;
            }
            if (attribute.kind() == Kind.LINK_IDS) {
                input.linkIds.put(attribute.field().name(), ids(attribute, entry.getValue()));
                continue;
            }
            Object value = RecordValues.toColumn(attribute, entry.getValue());
            input.columns.put(attribute.column(), value);
            input.attributes.put(attribute.column(), attribute);
        }
        input.checkLinks(entity, body, before, linkExists);
        input.personNames(entity, before);
        return input;
    }

    /** emailAddress and emailAddressData (phoneNumber and phoneNumberData) agree: the primary item is the plain value. */
    @SuppressWarnings("unchecked")
    private static void primaryAndData(FieldDef field, Map<String, Object> body) {
        String data = field.name() + "Data";
        String key = field.type() == FieldType.EMAIL ? "emailAddress" : "phoneNumber";
        boolean hasValue = body.containsKey(field.name());
        boolean hasData = body.containsKey(data);
        if (hasValue && !hasData) {
            Object value = body.get(field.name());
            body.put(data, value == null || "".equals(value) ? List.of() : List.of(Map.of(key, value, "primary", true)));
        } else if (hasData && !hasValue && body.get(data) instanceof List<?> list) {
            Object primary = list.isEmpty() ? null : list.getFirst();
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("primary"))) {
                    primary = item;
                    break;
                }
            }
            body.put(field.name(), primary instanceof Map<?, ?> map ? map.get(key) : null);
        }
    }

    private static List<String> ids(Attribute attribute, @Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > 1000 || list.stream().anyMatch(id -> !(id instanceof String s) || !Names.ID.matcher(s).matches())) {
            throw CrmApiException.invalid(attribute.name(), "'" + attribute.name() + "' must be a list of ids.");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private void checkLinks(EntityDef entity, Map<String, Object> body, @Nullable Map<String, Object> before,
            BiPredicate<String, String> linkExists) {
        for (Attribute attribute : new ArrayList<>(attributes.values())) {
            FieldDef field = attribute.field();
            Object value = columns.get(attribute.column());
            if (value == null || !attribute.name().endsWith("Id")) {
                continue;
            }
            LinkDef link = entity.link(field.name()).orElseThrow();
            String target = link.entity();
            if (field.type() == FieldType.LINK_PARENT) {
                Object type = body.containsKey(field.name() + "Type") ? body.get(field.name() + "Type")
                        : before == null ? null : before.get(field.name() + "Type");
                if (!(type instanceof String t) || !link.entityList().contains(t)) {
                    throw CrmApiException.invalid(field.name() + "Type", "'" + field.name() + "Type' must be one of " + link.entityList() + ".");
                }
                target = t;
            }
            if (target != null && (!Names.ID.matcher(value.toString()).matches() || !linkExists.test(target, value.toString()))) {
                throw CrmApiException.invalid(attribute.name(), "No " + target + " with id '" + WhereItem.shorten(value.toString()) + "'.");
            }
        }
        for (var links : linkIds.entrySet()) {
            LinkDef link = entity.link(links.getKey()).orElseThrow();
            if (!EntityDef.TEAM.equals(link.entity())) {
                for (String id : links.getValue()) {
                    if (!linkExists.test(String.valueOf(link.entity()), id)) {
                        throw CrmApiException.invalid(links.getKey() + "Ids", "No " + link.entity() + " with id '" + id + "'.");
                    }
                }
            }
        }
    }

    /** Keeps a person-name field's {@code name} column (used to sort, filter and check duplicates) in step with its parts. */
    private void personNames(EntityDef entity, @Nullable Map<String, Object> before) {
        for (FieldDef field : entity.fields().values()) {
            if (field.type() != FieldType.PERSON_NAME) {
                continue;
            }
            String suffix = EntityDef.capitalize(field.name());
            String first = "first_" + Names.column(field.name());
            String last = "last_" + Names.column(field.name());
            boolean partsGiven = columns.containsKey(first) || columns.containsKey(last);
            Attribute full = entity.attribute(field.name()).orElseThrow();
            if (!partsGiven && columns.containsKey(full.column())) {
                Attribute lastAttribute = entity.attribute("last" + suffix).orElseThrow();
                columns.put(last, columns.get(full.column()));
                attributes.put(last, lastAttribute);
                partsGiven = true;
            }
            if (partsGiven) {
                String firstValue = (String) (columns.containsKey(first) ? columns.get(first) : before == null ? null : before.get("first" + suffix));
                String lastValue = (String) (columns.containsKey(last) ? columns.get(last) : before == null ? null : before.get("last" + suffix));
                String name = ((firstValue == null ? "" : firstValue) + " " + (lastValue == null ? "" : lastValue)).strip();
                columns.put(full.column(), name.isEmpty() ? null : name);
                attributes.put(full.column(), full);
            }
        }
    }

    void applyDefaults(EntityDef entity) {
        for (FieldDef field : entity.fields().values()) {
            if (field.defaultValue() == null) {
                continue;
            }
            Attribute attribute = entity.attribute(field.name()).orElse(null);
            if (attribute != null && attribute.stored() && !columns.containsKey(attribute.column())) {
                columns.put(attribute.column(), RecordValues.toColumn(attribute, field.defaultValue()));
                attributes.put(attribute.column(), attribute);
            }
        }
        for (FieldDef field : entity.fields().values()) {
            if (field.type() == FieldType.CURRENCY) {
                String currency = Names.column(field.name()) + "_currency";
                if (columns.get(Names.column(field.name())) != null && columns.get(currency) == null) {
                    columns.put(currency, "USD");
                    attributes.put(currency, entity.attribute(field.name() + "Currency").orElseThrow());
                }
            }
        }
    }

    /** Required fields: present and not empty on create; not emptied on update. */
    void requireComplete(EntityDef entity) {
        for (FieldDef field : entity.fields().values()) {
            if (!field.required()) {
                continue;
            }
            String attributeName = switch (field.type()) {
                case LINK, LINK_PARENT -> field.name() + "Id";
                case LINK_MULTIPLE, ATTACHMENT_MULTIPLE, ADDRESS -> null;
                default -> field.name();
            };
            Attribute attribute = attributeName == null ? null : entity.attribute(attributeName).orElse(null);
            if (attribute == null || attribute.column() == null) {
                continue;
            }
            boolean present = columns.containsKey(attribute.column());
            Object value = columns.get(attribute.column());
            boolean empty = value == null || (value instanceof String s && s.isBlank());
            if ((creating && empty) || (!creating && present && empty)) {
                throw CrmApiException.invalid(field.name(), "'" + field.name() + "' is required.");
            }
        }
    }

    Map<String, Object> columns() {
        return columns;
    }

    Map<String, Attribute> attributes() {
        return attributes;
    }

    Map<String, List<String>> linkIds() {
        return linkIds;
    }
}
