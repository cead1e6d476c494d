package dev.holdfast.platform.crm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A relationship seen from one entity type, as EspoCRM's {@code links} describe it.
 *
 * @param entity the entity type at the other end ({@code User} for users, {@code Team} for teams; null for a parent)
 * @param foreign the name of the same relationship seen from the other end
 * @param relationName for manyMany: the relation, whose table is {@code crm_rel_<relation_name>}
 * @param columns for manyMany: relation columns (column name → attribute name on related records)
 * @param entityList for belongsToParent: the entity types a parent may be
 */
record LinkDef(String name, Kind kind, @Nullable String entity, @Nullable String foreign, @Nullable String relationName,
        Map<String, String> columns, List<String> entityList, boolean custom) {

    enum Kind {
        BELONGS_TO("belongsTo"), HAS_MANY("hasMany"), MANY_MANY("manyMany"), BELONGS_TO_PARENT("belongsToParent"),
        HAS_CHILDREN("hasChildren");

        final String espoName;

        Kind(String espoName) {
            this.espoName = espoName;
        }
    }

    LinkDef {
        columns = Map.copyOf(columns);
        entityList = List.copyOf(entityList);
    }

    Map<String, Object> toMetadata() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", kind.espoName);
        if (entity != null) {
            map.put("entity", entity);
        }
        if (foreign != null) {
            map.put("foreign", foreign);
        }
        if (relationName != null) {
            map.put("relationName", relationName);
        }
        if (!columns.isEmpty()) {
            map.put("columnAttributeMap", columns);
        }
        if (!entityList.isEmpty()) {
            map.put("entityList", entityList);
        }
        if (custom) {
            map.put("isCustom", true);
        }
        return map;
    }
}
