package dev.holdfast.platform.crm.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An entity type: its table, fields, links and options. The system fields every entity has (id, createdAt,
 * modifiedAt, createdBy, modifiedBy, versionNumber; assignedUser and teams where enabled) are added here, so
 * definitions hold only their own fields. Immutable.
 */
final class EntityDef {

    static final String USER = "User";
    static final String TEAM = "Team";

    private final String name;
    private final String table;
    private final boolean custom;
    private final boolean assignedUser;
    private final List<String> duplicateCheck;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final Map<String, LinkDef> links = new LinkedHashMap<>();
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    EntityDef(String name, String table, boolean custom, boolean assignedUser, List<String> duplicateCheck,
            List<FieldDef> ownFields, List<LinkDef> ownLinks) {
        this.name = name;
        this.table = table;
        this.custom = custom;
        this.assignedUser = assignedUser;
        this.duplicateCheck = List.copyOf(duplicateCheck);
        List<FieldDef> all = new ArrayList<>(ownFields);
        all.add(FieldDef.of("createdAt", FieldType.DATETIME).asReadOnly());
        all.add(FieldDef.of("modifiedAt", FieldType.DATETIME).asReadOnly());
        all.add(FieldDef.of("createdBy", FieldType.LINK).asReadOnly());
        all.add(FieldDef.of("modifiedBy", FieldType.LINK).asReadOnly());
        all.add(FieldDef.of("versionNumber", FieldType.INT).asReadOnly());
        links.put("createdBy", userLink("createdBy"));
        links.put("modifiedBy", userLink("modifiedBy"));
        if (assignedUser) {
            all.add(FieldDef.of("assignedUser", FieldType.LINK));
            links.put("assignedUser", userLink("assignedUser"));
            all.add(FieldDef.of("teams", FieldType.LINK_MULTIPLE));
            links.put("teams", new LinkDef("teams", LinkDef.Kind.MANY_MANY, TEAM, null, "entityTeam", Map.of(), List.of(), false));
        }
        ownLinks.forEach(link -> links.put(link.name(), link));
        attributes.put("id", new Attribute("id", "id", Attribute.Kind.STRING, FieldDef.of("id", FieldType.VARCHAR).asReadOnly()));
        for (FieldDef field : all) {
            fields.put(field.name(), field);
            addAttributes(field);
        }
    }

    private static LinkDef userLink(String name) {
        return new LinkDef(name, LinkDef.Kind.BELONGS_TO, USER, null, null, Map.of(), List.of(), false);
    }

    private void addAttributes(FieldDef field) {
        String f = field.name();
        switch (field.type()) {
            case VARCHAR, TEXT, URL, ENUM -> put(f, Attribute.Kind.STRING, field);
            case INT, AUTOINCREMENT -> put(f, Attribute.Kind.LONG, field);
            case FLOAT -> put(f, Attribute.Kind.DOUBLE, field);
            case CURRENCY -> {
                put(f, Attribute.Kind.DOUBLE, field);
                put(f + "Currency", Attribute.Kind.STRING, field);
            }
            case BOOL -> put(f, Attribute.Kind.BOOL, field);
            case DATE -> put(f, Attribute.Kind.DATE, field);
            case DATETIME -> put(f, Attribute.Kind.DATETIME, field);
            case MULTI_ENUM, JSON_ARRAY -> put(f, Attribute.Kind.JSON_LIST, field);
            case ATTACHMENT_MULTIPLE -> put(f + "Ids", Attribute.Kind.JSON_LIST, field);
            case EMAIL, PHONE -> {
                put(f, Attribute.Kind.STRING, field);
                put(f + "Data", Attribute.Kind.JSON_DATA, field);
            }
            case ADDRESS -> {
                for (String part : List.of("Street", "City", "State", "Country", "PostalCode")) {
                    put(f + part, Attribute.Kind.STRING, field);
                }
            }
            case PERSON_NAME -> {
                put("salutation" + capitalize(f), Attribute.Kind.STRING, field);
                put("first" + capitalize(f), Attribute.Kind.STRING, field);
                put("last" + capitalize(f), Attribute.Kind.STRING, field);
                put(f, Attribute.Kind.STRING, field);
            }
            case LINK -> {
                put(f + "Id", Attribute.Kind.STRING, field);
                attributes.put(f + "Name", new Attribute(f + "Name", null, Attribute.Kind.LINK_NAME, field));
            }
            case LINK_PARENT -> {
                put(f + "Type", Attribute.Kind.STRING, field);
                put(f + "Id", Attribute.Kind.STRING, field);
                attributes.put(f + "Name", new Attribute(f + "Name", null, Attribute.Kind.PARENT_NAME, field));
            }
            case LINK_MULTIPLE -> {
                attributes.put(f + "Ids", new Attribute(f + "Ids", null, Attribute.Kind.LINK_IDS, field));
                attributes.put(f + "Names", new Attribute(f + "Names", null, Attribute.Kind.LINK_NAMES, field));
            }
        }
    }

    private void put(String attribute, Attribute.Kind kind, FieldDef field) {
        attributes.put(attribute, new Attribute(attribute, Names.column(attribute), kind, field));
    }

    static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    String name() {
        return name;
    }

    String table() {
        return table;
    }

    boolean custom() {
        return custom;
    }

    boolean hasAssignedUser() {
        return assignedUser;
    }

    List<String> duplicateCheck() {
        return duplicateCheck;
    }

    /** Every field, own and system, in order. */
    Map<String, FieldDef> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** Only the fields stored in crm_field_def (not the system ones). */
    List<FieldDef> ownFields() {
        return fields.values().stream().filter(f -> !Names.SYSTEM_FIELDS.contains(f.name())).toList();
    }

    List<LinkDef> ownLinks() {
        return links.values().stream().filter(l -> !Names.SYSTEM_FIELDS.contains(l.name())).toList();
    }

    Map<String, LinkDef> links() {
        return Collections.unmodifiableMap(links);
    }

    Map<String, Attribute> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    Optional<LinkDef> link(String name) {
        return Optional.ofNullable(links.get(name));
    }

    /** The attribute that names a record: {@code name} where the entity has one. */
    @Nullable Attribute nameAttribute() {
        return attributes.get("name");
    }

    /** A copy with one more field (and its link, for link fields). */
    EntityDef with(FieldDef field, @Nullable LinkDef link) {
        List<FieldDef> own = new ArrayList<>(ownFields());
        own.add(field);
        List<LinkDef> ownLinks = new ArrayList<>(ownLinks());
        if (link != null) {
            ownLinks.add(link);
        }
        return new EntityDef(name, table, custom, assignedUser, duplicateCheck, own, ownLinks);
    }

    EntityDef withLink(LinkDef link) {
        List<LinkDef> ownLinks = new ArrayList<>(ownLinks());
        ownLinks.add(link);
        return new EntityDef(name, table, custom, assignedUser, duplicateCheck, ownFields(), ownLinks);
    }
}
