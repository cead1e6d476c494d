package dev.holdfast.platform.crm.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One revision of every entity definition; immutable, shared by all requests until the revision changes. */
record Metadata(long revision, Map<String, EntityDef> entities) {

    Metadata {
        entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    Optional<EntityDef> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    Collection<EntityDef> all() {
        return entities.values();
    }

    /** The answer of {@code GET /api/v1/Metadata}: EspoCRM's {@code entityDefs} and {@code scopes}. */
    Map<String, Object> toJson() {
        Map<String, Object> entityDefs = new LinkedHashMap<>();
        Map<String, Object> scopes = new LinkedHashMap<>();
        for (EntityDef entity : entities.values()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            entity.fields().values().forEach(field -> fields.put(field.name(), field.toMetadata()));
            Map<String, Object> links = new LinkedHashMap<>();
            entity.links().values().forEach(link -> links.put(link.name(), link.toMetadata()));
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("fields", fields);
            def.put("links", links);
            def.put("duplicateCheckFieldList", entity.duplicateCheck());
            entityDefs.put(entity.name(), def);
            scopes.put(entity.name(), Map.of("entity", true, "object", true, "isCustom", entity.custom(), "acl", true,
                    "customizable", true));
        }
        return Map.of("revision", revision, "entityDefs", entityDefs, "scopes", scopes);
    }
}
