package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.internal.LinkDef.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * Makes the database match the metadata, only ever adding: CREATE TABLE, ADD COLUMN and CREATE INDEX, each "if
 * not exists", so it is safe to run again, at every start and on every node, on SQLite and PostgreSQL. Identifiers
 * come only from validated metadata and are quoted by jOOQ.
 */
@Component
class SchemaSync {

    private final DSLContext db;

    SchemaSync(DSLContext db) {
        this.db = db;
    }

    void sync(EntityDef entity) {
        Map<String, DataType<?>> columns = columns(entity);
        Set<String> existing = existingColumns(entity.table());
        if (existing.isEmpty()) {
            var create = db.createTableIfNotExists(name(entity.table()));
            for (var column : columns.entrySet()) {
                create = create.column(field(name(column.getKey()), column.getValue()));
            }
            create.constraint(org.jooq.impl.DSL.primaryKey(name("id"))).execute();
        } else {
            for (var column : columns.entrySet()) {
                if (!existing.contains(column.getKey())) {
                    db.alterTable(name(entity.table())).addColumn(field(name(column.getKey()), column.getValue())).execute();
                }
            }
        }
        for (List<String> index : indexes(entity, columns.keySet())) {
            String indexName = shorten(entity.table() + "_" + String.join("_", index));
            db.createIndexIfNotExists(name(indexName)).on(table(name(entity.table())),
                    index.stream().map(column -> field(name(column))).toArray(Field[]::new)).execute();
        }
        for (LinkDef link : entity.links().values()) {
            if (link.kind() == Kind.MANY_MANY && !EntityDef.TEAM.equals(link.entity())) {
                relationTable(entity.name(), link);
            }
        }
    }

    private void relationTable(String entity, LinkDef link) {
        String table = Names.relationTable(link.relationName());
        String mine = keyColumn(entity);
        String theirs = keyColumn(link.entity());
        Set<String> existing = existingColumns(table);
        if (existing.isEmpty()) {
            var create = db.createTableIfNotExists(name(table))
                    .column(field(name(mine), SQLDataType.VARCHAR(64).nullable(false)))
                    .column(field(name(theirs), SQLDataType.VARCHAR(64).nullable(false)));
            for (String column : link.columns().keySet()) {
                create = create.column(field(name(column), SQLDataType.CLOB));
            }
            create.constraint(org.jooq.impl.DSL.primaryKey(name(mine), name(theirs))).execute();
        } else {
            for (String column : link.columns().keySet()) {
                if (!existing.contains(column)) {
                    db.alterTable(name(table)).addColumn(field(name(column), SQLDataType.CLOB)).execute();
                }
            }
        }
        db.createIndexIfNotExists(name(shorten(table + "_" + mine))).on(table(name(table)), field(name(mine))).execute();
        db.createIndexIfNotExists(name(shorten(table + "_" + theirs))).on(table(name(table)), field(name(theirs))).execute();
    }

    /** The column of a relation table that holds the id of a record of {@code entity}. */
    static String keyColumn(String entity) {
        return Names.column(entity) + "_id";
    }

    static Map<String, DataType<?>> columns(EntityDef entity) {
        Map<String, DataType<?>> columns = new LinkedHashMap<>();
        columns.put("id", SQLDataType.VARCHAR(64).nullable(false));
        columns.put("deleted", SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(false)));
        for (Attribute attribute : entity.attributes().values()) {
            if (attribute.column() != null && !attribute.name().equals("id")) {
                columns.put(attribute.column(), switch (attribute.kind()) {
                    case LONG, DATETIME -> SQLDataType.BIGINT;
                    case DOUBLE -> SQLDataType.DOUBLE;
                    case BOOL -> SQLDataType.BOOLEAN;
                    default -> SQLDataType.CLOB;
                });
            }
        }
        return columns;
    }

    private static List<List<String>> indexes(EntityDef entity, Set<String> columns) {
        List<List<String>> indexes = new ArrayList<>();
        // a list page sorted by one of these (and id, the tie-break) reads only its rows, newest or A-Z first
        indexes.add(List.of("deleted", "created_at", "id"));
        indexes.add(List.of("deleted", "modified_at", "id"));
        if (columns.contains("name")) {
            indexes.add(List.of("deleted", "name", "id"));
        }
        if (entity.hasAssignedUser()) {
            // "my records, newest first" (onlyMy, own scope) without sorting all of a user's records
            indexes.add(List.of("assigned_user_id", "deleted", "created_at", "id"));
        }
        for (Attribute attribute : entity.attributes().values()) {
            FieldType type = attribute.field().type();
            if (type == FieldType.LINK && attribute.column() != null) {
                indexes.add(List.of(attribute.column(), "deleted"));
            }
            if (type == FieldType.LINK_PARENT && attribute.name().endsWith("Id")) {
                indexes.add(List.of(Names.column(attribute.field().name()) + "_type", attribute.column(), "deleted"));
            }
            if ((type == FieldType.EMAIL || type == FieldType.ENUM) && attribute.kind() == Attribute.Kind.STRING) {
                indexes.add(List.of(attribute.column(), "deleted"));
            }
        }
        return indexes;
    }

    private Set<String> existingColumns(String table) {
        List<String> names = db.dialect().family() == SQLDialect.POSTGRES
                ? db.fetch("select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?", table)
                        .getValues(0, String.class)
                : db.fetch("select name from pragma_table_info(?)", table).getValues(0, String.class);
        Set<String> set = new HashSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return set;
    }

    private static String shorten(String indexName) {
        return indexName.length() <= 63 ? indexName : indexName.substring(0, 54) + "_" + Integer.toHexString(indexName.hashCode());
    }
}
