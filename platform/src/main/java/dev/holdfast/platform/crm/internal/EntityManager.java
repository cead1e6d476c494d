package dev.holdfast.platform.crm.internal;

import static dev.holdfast.platform.crm.internal.FieldType.*;

import dev.holdfast.platform.crm.internal.LinkDef.Kind;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds custom entity types and fields while Holdfast runs: validates the names (EspoCRM's rules: custom entity
 * types start with {@code C}), stores the definitions and changes the schema in one transaction.
 */
@Service
class EntityManager {

    static final List<String> TEMPLATES = List.of("Base", "Person", "Company", "Event");
    private final MetadataStore metadata;

    EntityManager(MetadataStore metadata) {
        this.metadata = metadata;
    }

    @Transactional
    EntityDef createEntity(String requestedName, String template) {
        String name = requestedName.startsWith("C") && requestedName.length() > 1 && Character.isUpperCase(requestedName.charAt(1))
                ? requestedName : "C" + requestedName;
        if (!Names.ENTITY.matcher(requestedName).matches() || !Names.ENTITY.matcher(name).matches()) {
            throw CrmApiException.invalid("name", "An entity name is 2 to 40 letters and digits, starting with a capital letter.");
        }
        if (!TEMPLATES.contains(template)) {
            throw CrmApiException.invalid("type", "type must be one of " + TEMPLATES + ".");
        }
        if (metadata.current().entity(name).isPresent() || metadata.current().entity(requestedName).isPresent()) {
            throw CrmApiException.conflict("The entity type " + name + " exists.", Map.of());
        }
        BuiltInEntities.Builder builder = new BuiltInEntities.Builder(name, List.of("name")).custom();
        switch (template) {
            case "Person" -> builder.field(FieldDef.of("name", PERSON_NAME).asRequired())
                    .field(FieldDef.of("emailAddress", EMAIL)).field(FieldDef.of("phoneNumber", PHONE))
                    .field(FieldDef.of("address", ADDRESS));
            case "Company" -> builder.field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                    .field(FieldDef.of("emailAddress", EMAIL)).field(FieldDef.of("phoneNumber", PHONE))
                    .field(FieldDef.of("billingAddress", ADDRESS));
            case "Event" -> builder.field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249))
                    .field(FieldDef.of("status", ENUM).options("Planned", "Held", "Not Held").defaultValue("Planned"))
                    .field(FieldDef.of("dateStart", DATETIME).asRequired()).field(FieldDef.of("dateEnd", DATETIME))
                    .parent();
            default -> builder.field(FieldDef.of("name", VARCHAR).asRequired().maxLength(249));
        }
        builder.field(FieldDef.of("description", TEXT));
        EntityDef entity = builder.build();
        metadata.addEntity(entity);
        return entity;
    }

    @Transactional
    FieldDef createField(String entityType, Map<String, Object> body) {
        EntityDef entity = metadata.current().entity(entityType).orElseThrow(() -> CrmApiException.invalid("entityType",
                "Unknown entity type '" + WhereItem.shorten(entityType) + "'."));
        String name = body.get("name") instanceof String n ? n : "";
        if (!Names.FIELD.matcher(name).matches() || Names.RESERVED.contains(name)) {
            throw CrmApiException.invalid("name", "A field name is 2 to 40 letters and digits, starting with a small letter, "
                    + "and not one of the names the store uses itself.");
        }
        String typeName = body.get("type") instanceof String t ? t : "";
        FieldType type = FieldType.of(typeName).filter(t -> t != PERSON_NAME && t != JSON_ARRAY).orElseThrow(() ->
                CrmApiException.invalid("type", "Unknown field type '" + WhereItem.shorten(typeName) + "'."));
        FieldDef field = new FieldDef(name, type, flag(body, "required"), flag(body, "readOnly"), body.get("default"),
                flag(body, "audited"), pattern(body.get("pattern")), maxLength(body.get("maxLength")), options(type, body.get("options")), true);
        boolean taken = entity.fields().containsKey(name) || entity.links().containsKey(name)
                || entity.with(field, null).attributes().values().stream()
                        .anyMatch(attribute -> attribute.field() == field && entity.attributes().containsKey(attribute.name()));
        if (taken) {
            throw CrmApiException.conflict(entity.name() + " has a field or attribute named like '" + name + "'.", Map.of());
        }
        if (field.defaultValue() != null) {
            entity.with(field, null).attribute(name).ifPresent(attribute -> RecordValues.toColumn(attribute, field.defaultValue()));
        }
        LinkDef link = null;
        LinkDef foreignSide = null;
        if (type.isLink()) {
            String target = body.get("entity") instanceof String e ? e : "";
            if (type == LINK_PARENT) {
                link = new LinkDef(name, Kind.BELONGS_TO_PARENT, null, null, null, Map.of(), BuiltInEntities.PARENTS, true);
            } else {
                EntityDef foreign = metadata.current().entity(target).orElseThrow(() -> CrmApiException.invalid("entity",
                        "A link field needs the entity type it links to; '" + WhereItem.shorten(target) + "' is none."));
                String back = Character.toLowerCase(entity.name().charAt(0)) + entity.name().substring(1)
                        + EntityDef.capitalize(name) + "Of";
                boolean backFree = !foreign.links().containsKey(back) && !foreign.fields().containsKey(back);
                if (type == LINK) {
                    link = new LinkDef(name, Kind.BELONGS_TO, foreign.name(), backFree ? back : null, null, Map.of(), List.of(), true);
                    foreignSide = backFree ? new LinkDef(back, Kind.HAS_MANY, entity.name(), name, null, Map.of(), List.of(), true) : null;
                } else {
                    String relation = Character.toLowerCase(entity.name().charAt(0)) + entity.name().substring(1) + EntityDef.capitalize(name);
                    link = new LinkDef(name, Kind.MANY_MANY, foreign.name(), backFree ? back : null, relation, Map.of(), List.of(), true);
                    foreignSide = backFree && !foreign.name().equals(entity.name())
                            ? new LinkDef(back, Kind.MANY_MANY, entity.name(), name, relation, Map.of(), List.of(), true) : null;
                }
            }
        }
        metadata.addField(entity, field, link, foreignSide);
        return field;
    }

    private static boolean flag(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw CrmApiException.invalid(key, key + " must be true or false.");
        }
        return Boolean.TRUE.equals(value);
    }

    private static @Nullable String pattern(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.length() > 500) {
            throw CrmApiException.invalid("pattern", "pattern must be a regular expression of at most 500 characters.");
        }
        try {
            Pattern.compile(text);
            return text;
        } catch (PatternSyntaxException e) {
            throw CrmApiException.invalid("pattern", "pattern is not a valid regular expression.");
        }
    }

    private static @Nullable Integer maxLength(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer length) || length < 1 || length > RecordValues.TEXT_MAX_LENGTH) {
            throw CrmApiException.invalid("maxLength", "maxLength must be a whole number from 1 to " + RecordValues.TEXT_MAX_LENGTH + ".");
        }
        return length;
    }

    private static List<String> options(FieldType type, @Nullable Object value) {
        if (type != ENUM && type != MULTI_ENUM) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 200
                || list.stream().anyMatch(o -> !(o instanceof String s) || s.length() > 100)) {
            throw CrmApiException.invalid("options", "An " + type.espoName() + " field needs options: a list of at most 200 strings.");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
