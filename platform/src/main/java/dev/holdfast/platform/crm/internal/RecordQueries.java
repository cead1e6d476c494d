package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.Ownership;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.crm.internal.Attribute.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The read side of the record store: one SQL statement per list page (link names by joins, the user's access
 * condition inside the WHERE), a count only when asked, and small batched look-ups for what a join cannot carry
 * (user names from a cache, parent names per type, link-multiple ids of the page's records).
 */
@Component
class RecordQueries {

    static final int MAX_SIZE = 200;

    /** A list request as EspoCRM's list parameters give it. */
    record ListRequest(int maxSize, int offset, @Nullable String orderBy, boolean descending, @Nullable List<String> select,
            List<WhereItem> where, List<String> boolFilters, boolean total) {}

    /** EspoCRM's bool filters this store knows: {@code onlyMy} (assigned to, or else created by, the user). */
    static final Set<String> BOOL_FILTERS = Set.of("onlyMy");

    /** A page: the records and the total ({@code -1}: more exist, {@code -2}: no more, when not counted). */
    record Page(List<Map<String, Object>> list, long total) {}

    /** Joins a many-to-many relation table: the related records of {@code parentId}, with the relation's columns. */
    record RelationJoin(LinkDef link, String parentEntity, String parentId) {}

    private final DSLContext db;
    private final RecordAccess access;
    private final UserNames users;
    private final Clock clock;

    RecordQueries(DSLContext db, RecordAccess access, UserNames users, Clock clock) {
        this.db = db;
        this.access = access;
        this.users = users;
        this.clock = clock;
    }

    Page list(CrmUser user, Metadata metadata, EntityDef entity, ListRequest request, Condition extra,
            @Nullable RelationJoin relation) {
        if (access.scope(user, entity.name(), Action.READ) == Scope.NO) {
            throw CrmApiException.forbidden("You may not read " + entity.name() + " records.");
        }
        checkReadable(user, entity, request.where());
        Table<?> table = table(name(entity.table()));
        Condition where = notDeleted(entity).and(access.condition(user, entity.name(), Action.READ, new AccessTable(entity)))
                .and(new WhereConditions(entity, metadata, clock).all(request.where())).and(extra);
        if (request.boolFilters().contains("onlyMy")) {
            where = where.and(field(name(entity.table(), entity.hasAssignedUser() ? "assigned_user_id" : "created_by_id"))
                    .eq(user.userId()));
        }
        List<Attribute> attributes = selected(user, entity, request.select(), false);
        SortField<?> order = order(user, entity, request);
        var query = from(metadata, entity, attributes, relation);
        var rows = query.where(where).orderBy(order, request.descending()
                        ? field(name(entity.table(), "id")).desc() : field(name(entity.table(), "id")).asc())
                .limit(request.maxSize() + (request.total() ? 0 : 1)).offset(request.offset()).fetch();
        boolean more = !request.total() && rows.size() > request.maxSize();
        List<Record> page = more ? rows.subList(0, request.maxSize()) : rows;
        List<Map<String, Object>> list = toMaps(metadata, entity, attributes, page, relation);
        long total;
        if (request.total()) {
            var count = db.selectCount().from(table);
            if (relation != null) {
                count = count.join(relationTable(relation)).on(relationCondition(entity, relation));
            }
            total = count.where(where).fetchOne(0, Long.class);
        } else {
            total = more ? -1 : -2;
        }
        return new Page(list, total);
    }

    /** Which records an export or a mass action covers: the given ids, or the where items (all records if none). */
    record Selection(@Nullable List<String> ids, List<WhereItem> where) {}

    /**
     * Streams the selected records the user may read, {@code chunk} rows at a time, through a database cursor (never
     * the whole list in memory): the access condition and the selection inside the SQL, ordered by id. {@code start}
     * runs once every check has passed, before the first rows.
     */
    void stream(CrmUser user, Metadata metadata, EntityDef entity, Selection selection, List<Attribute> attributes,
            int chunk, Runnable start, java.util.function.Consumer<List<Map<String, Object>>> sink) {
        Condition where = selected(user, metadata, entity, Action.READ, selection);
        var query = from(metadata, entity, attributes, null).where(where).orderBy(field(name(entity.table(), "id")).asc());
        try (org.jooq.Cursor<Record> cursor = query.fetchSize(chunk).fetchLazy()) {
            start.run();
            while (cursor.hasNext()) {
                sink.accept(toMaps(metadata, entity, attributes, cursor.fetchNext(chunk), null));
            }
        }
    }

    /**
     * The next {@code limit} ids after {@code after} (keyset by id) of selected records the user may read and take
     * the action on: both access conditions and the selection inside the SQL.
     */
    List<String> ids(CrmUser user, Metadata metadata, EntityDef entity, Action action, Selection selection, String after, int limit) {
        Field<String> id = field(name(entity.table(), "id"), String.class);
        Condition where = selected(user, metadata, entity, action, selection).and(id.gt(after));
        return db.select(id).from(table(name(entity.table()))).where(where).orderBy(id.asc()).limit(limit).fetch(0, String.class);
    }

    private Condition selected(CrmUser user, Metadata metadata, EntityDef entity, Action action, Selection selection) {
        for (Action needed : action == Action.READ ? List.of(Action.READ) : List.of(Action.READ, action)) {
            if (access.scope(user, entity.name(), needed) == Scope.NO) {
                throw CrmApiException.forbidden("You may not " + needed.name().toLowerCase(java.util.Locale.ROOT) + " "
                        + entity.name() + " records.");
            }
        }
        checkReadable(user, entity, selection.where());
        AccessTable table = new AccessTable(entity);
        Condition where = notDeleted(entity).and(access.condition(user, entity.name(), Action.READ, table))
                .and(new WhereConditions(entity, metadata, clock).all(selection.where()));
        if (action != Action.READ) {
            where = where.and(access.condition(user, entity.name(), action, table));
        }
        if (selection.ids() != null) {
            where = where.and(field(name(entity.table(), "id"), String.class).in(selection.ids()));
        }
        return where;
    }

    /** One record with every attribute the user may read, or null if it does not exist or is deleted. */
    @Nullable Map<String, Object> one(CrmUser user, Metadata metadata, EntityDef entity, String id) {
        List<Attribute> attributes = selected(user, entity, null, true);
        var rows = from(metadata, entity, attributes, null).where(notDeleted(entity)
                .and(field(name(entity.table(), "id"), String.class).eq(id))).fetch();
        return rows.isEmpty() ? null : toMaps(metadata, entity, attributes, rows, null).getFirst();
    }

    /** Who a record belongs to, or null if it does not exist or is deleted. */
    @Nullable Ownership ownership(EntityDef entity, String id) {
        return ownership(entity, id, false);
    }

    /** Who a record belongs to, deleted or not (live subscribers of a record learn that it was deleted). */
    @Nullable Ownership ownership(EntityDef entity, String id, boolean includeDeleted) {
        List<Field<?>> fields = new ArrayList<>();
        fields.add(field(name("created_by_id"), String.class));
        if (entity.hasAssignedUser()) {
            fields.add(field(name("assigned_user_id"), String.class));
        }
        Record row = db.select(fields).from(table(name(entity.table())))
                .where(field(name("id")).eq(id), includeDeleted ? org.jooq.impl.DSL.trueCondition()
                        : field(name("deleted"), Boolean.class).eq(false)).fetchOne();
        if (row == null) {
            return null;
        }
        Set<String> teams = new HashSet<>(db.select(field(name("team_id"), String.class)).from(table(name("crm_entity_team")))
                .where(field(name("entity_type")).eq(entity.name()), field(name("entity_id")).eq(id)).fetch(0, String.class));
        return new Ownership(entity.hasAssignedUser() ? row.get("assigned_user_id", String.class) : null,
                row.get("created_by_id", String.class), teams);
    }

    static Condition notDeleted(EntityDef entity) {
        return field(name(entity.table(), "deleted"), Boolean.class).eq(false);
    }

    /** The attributes to answer with: those asked for (and what belongs with them), or all; never unreadable fields. */
    List<Attribute> selected(CrmUser user, EntityDef entity, @Nullable List<String> select, boolean withLinkMultiple) {
        Set<String> names = new LinkedHashSet<>();
        names.add("id");
        if (select == null) {
            for (Attribute attribute : entity.attributes().values()) {
                if (withLinkMultiple || (attribute.kind() != Kind.LINK_IDS && attribute.kind() != Kind.LINK_NAMES)) {
                    names.add(attribute.name());
                }
            }
        } else {
            for (String name : select) {
                Attribute attribute = entity.attribute(name).orElseThrow(() -> CrmApiException.invalid("select",
                        "Unknown attribute '" + WhereItem.shorten(name) + "' of " + entity.name() + "."));
                names.add(name);
                String field = attribute.field().name();
                switch (attribute.field().type()) {
                    case LINK -> names.addAll(List.of(field + "Id", field + "Name"));
                    case LINK_PARENT -> names.addAll(List.of(field + "Id", field + "Type", field + "Name"));
                    case LINK_MULTIPLE -> names.addAll(List.of(field + "Ids", field + "Names"));
                    case EMAIL, PHONE, CURRENCY -> entity.attributes().values().stream()
                            .filter(a -> a.field() == attribute.field()).forEach(a -> names.add(a.name()));
                    default -> { }
                }
            }
        }
        return names.stream().map(n -> entity.attribute(n).orElseThrow())
                .filter(a -> a.name().equals("id") || access.canRead(user, entity.name(), a.field().name())).toList();
    }

    /** Filtering on a field the user may not read would reveal its values: refused, as EspoCRM does. */
    @SuppressWarnings("unchecked")
    private void checkReadable(CrmUser user, EntityDef entity, List<WhereItem> items) {
        for (WhereItem item : items) {
            if (item.value() instanceof List<?> nested && !nested.isEmpty() && nested.getFirst() instanceof WhereItem) {
                checkReadable(user, entity, (List<WhereItem>) nested);
            }
            String attribute = "textFilter".equals(item.type()) && entity.nameAttribute() != null
                    ? entity.nameAttribute().name() : item.attribute();
            String field = attribute == null ? null : entity.attribute(attribute).map(a -> a.field().name()).orElse(attribute);
            if (field != null && !access.canRead(user, entity.name(), field)) {
                throw CrmApiException.forbidden("You may not filter " + entity.name() + " on '" + field + "'.");
            }
        }
    }

    private SortField<?> order(CrmUser user, EntityDef entity, ListRequest request) {
        String orderBy = request.orderBy() == null ? "createdAt" : request.orderBy();
        Attribute attribute = entity.attribute(orderBy).filter(Attribute::stored).orElseThrow(() -> CrmApiException.invalid(
                "orderBy", "Cannot order " + entity.name() + " by '" + WhereItem.shorten(orderBy) + "'."));
        if (!access.canRead(user, entity.name(), attribute.field().name())) {
            throw CrmApiException.forbidden("You may not order " + entity.name() + " by '" + attribute.field().name() + "'.");
        }
        Field<?> column = WhereConditions.column(entity, attribute);
        return request.descending() ? column.desc() : column.asc();
    }

    private SelectJoinStep<Record> from(Metadata metadata, EntityDef entity, List<Attribute> attributes,
            @Nullable RelationJoin relation) {
        List<SelectFieldOrAsterisk> fields = new ArrayList<>();
        Map<String, EntityDef> joins = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (attribute.stored()) {
                fields.add(WhereConditions.column(entity, attribute).as(attribute.name()));
            } else if (attribute.kind() == Kind.LINK_NAME) {
                LinkDef link = entity.link(attribute.field().name()).orElseThrow();
                EntityDef foreign = metadata.entity(String.valueOf(link.entity())).orElse(null);
                if (foreign != null && foreign.nameAttribute() != null) {
                    String alias = "j_" + link.name();
                    joins.put(alias, foreign);
                    fields.add(field(name(alias, "name"), String.class).as(attribute.name()));
                }
            }
        }
        if (relation != null) {
            relation.link().columns().forEach((column, attribute) ->
                    fields.add(field(name(Names.relationTable(relation.link().relationName()), column), String.class).as(attribute)));
        }
        SelectJoinStep<Record> query = db.select(fields).from(table(name(entity.table())));
        for (var join : joins.entrySet()) {
            String alias = join.getKey();
            String column = Names.column(alias.substring(2)) + "_id";
            query = query.leftJoin(table(name(join.getValue().table())).as(name(alias)))
                    .on(field(name(alias, "id"), String.class).eq(field(name(entity.table(), column), String.class))
                            .and(field(name(alias, "deleted"), Boolean.class).eq(false)));
        }
        if (relation != null) {
            query = query.join(relationTable(relation)).on(relationCondition(entity, relation));
        }
        return query;
    }

    private static Table<?> relationTable(RelationJoin relation) {
        return table(name(Names.relationTable(relation.link().relationName())));
    }

    private static Condition relationCondition(EntityDef related, RelationJoin relation) {
        String table = Names.relationTable(relation.link().relationName());
        return field(name(table, SchemaSync.keyColumn(related.name())), String.class).eq(field(name(related.table(), "id"), String.class))
                .and(field(name(table, SchemaSync.keyColumn(relation.parentEntity())), String.class).eq(relation.parentId()));
    }

    private List<Map<String, Object>> toMaps(Metadata metadata, EntityDef entity, List<Attribute> attributes,
            List<Record> rows, @Nullable RelationJoin relation) {
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        // each attribute's column, looked up once per page rather than by name per row and attribute (-1: none)
        int[] columns = rows.isEmpty() ? new int[0] : columns(entity, attributes, rows.getFirst());
        for (Record row : rows) {
            Map<String, Object> map = LinkedHashMap.newLinkedHashMap(attributes.size());
            for (int i = 0; i < attributes.size(); i++) {
                Attribute attribute = attributes.get(i);
                switch (attribute.kind()) {
                    case LINK_NAME -> {
                        if (isUserLink(entity, attribute)) {
                            Object id = columns[i] < 0 ? null : row.get(columns[i]);
                            map.put(attribute.name(), id == null ? null : users.name(id.toString()).orElse(null));
                        } else {
                            map.put(attribute.name(), columns[i] >= 0 ? row.get(columns[i]) : null);
                        }
                    }
                    case PARENT_NAME, LINK_IDS, LINK_NAMES -> map.put(attribute.name(), null);
                    default -> map.put(attribute.name(), RecordValues.toJson(attribute, row.get(columns[i])));
                }
            }
            if (relation != null) {
                relation.link().columns().values().forEach(attribute -> map.put(attribute, row.get(attribute)));
            }
            list.add(map);
        }
        fillParentNames(metadata, entity, attributes, list);
        fillLinkMultiple(metadata, entity, attributes, list);
        return list;
    }

    private static boolean isUserLink(EntityDef entity, Attribute attribute) {
        return EntityDef.USER.equals(entity.link(attribute.field().name()).orElseThrow().entity());
    }

    /**
     * Where each attribute's value is in the rows: its own column; for the name of a user link, the link's id column
     * (names come from the user name cache); -1 for a link name without a join and for attributes filled later.
     */
    private static int[] columns(EntityDef entity, List<Attribute> attributes, Record row) {
        int[] columns = new int[attributes.size()];
        for (int i = 0; i < columns.length; i++) {
            Attribute attribute = attributes.get(i);
            columns[i] = switch (attribute.kind()) {
                case LINK_NAME -> row.indexOf(isUserLink(entity, attribute) ? attribute.field().name() + "Id" : attribute.name());
                case PARENT_NAME, LINK_IDS, LINK_NAMES -> -1;
                default -> {
                    int column = row.indexOf(attribute.name());
                    if (column < 0) {
                        throw new IllegalStateException("no column " + attribute.name() + " in the rows of " + entity.name());
                    }
                    yield column;
                }
            };
        }
        return columns;
    }

    private void fillParentNames(Metadata metadata, EntityDef entity, List<Attribute> attributes, List<Map<String, Object>> list) {
        for (Attribute attribute : attributes) {
            if (attribute.kind() != Kind.PARENT_NAME) {
                continue;
            }
            String field = attribute.field().name();
            Map<String, Set<String>> idsByType = new HashMap<>();
            for (Map<String, Object> record : list) {
                if (record.get(field + "Type") instanceof String type && record.get(field + "Id") instanceof String id) {
                    idsByType.computeIfAbsent(type, t -> new HashSet<>()).add(id);
                }
            }
            Map<String, String> names = new HashMap<>();
            idsByType.forEach((type, ids) -> metadata.entity(type).filter(e -> e.nameAttribute() != null).ifPresent(parent ->
                    db.select(field(name("id"), String.class), field(name("name"), String.class)).from(table(name(parent.table())))
                            .where(field(name("id"), String.class).in(ids)).fetch()
                            .forEach(r -> names.put(type + "/" + r.value1(), r.value2()))));
            list.forEach(record -> record.put(field + "Name", names.get(record.get(field + "Type") + "/" + record.get(field + "Id"))));
        }
    }

    private void fillLinkMultiple(Metadata metadata, EntityDef entity, List<Attribute> attributes, List<Map<String, Object>> list) {
        List<String> recordIds = list.stream().map(r -> (String) r.get("id")).toList();
        for (Attribute attribute : attributes) {
            if (attribute.kind() != Kind.LINK_IDS || list.isEmpty()) {
                continue;
            }
            String field = attribute.field().name();
            LinkDef link = entity.link(field).orElseThrow();
            Map<String, Map<String, String>> byRecord = new HashMap<>();
            if (EntityDef.TEAM.equals(link.entity())) {
                db.select(field(name("entity_id"), String.class), field(name("team_id"), String.class)).from(table(name("crm_entity_team")))
                        .where(field(name("entity_type")).eq(entity.name()), field(name("entity_id"), String.class).in(recordIds))
                        .orderBy(field(name("team_id"))).fetch()
                        .forEach(r -> byRecord.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value2()));
            } else if (link.kind() == LinkDef.Kind.MANY_MANY) {
                EntityDef foreign = metadata.entity(String.valueOf(link.entity())).orElseThrow();
                String relation = Names.relationTable(link.relationName());
                Field<String> mine = field(name(relation, SchemaSync.keyColumn(entity.name())), String.class);
                Field<String> theirs = field(name(relation, SchemaSync.keyColumn(foreign.name())), String.class);
                Field<String> foreignName = foreign.nameAttribute() != null ? field(name(foreign.table(), "name"), String.class) : theirs;
                db.select(mine, theirs, foreignName).from(table(name(relation))).join(table(name(foreign.table())))
                        .on(field(name(foreign.table(), "id"), String.class).eq(theirs).and(notDeleted(foreign)))
                        .where(mine.in(recordIds)).orderBy(theirs).fetch()
                        .forEach(r -> byRecord.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value3()));
            }
            for (Map<String, Object> record : list) {
                Map<String, String> linked = byRecord.getOrDefault(record.get("id"), Map.of());
                record.put(field + "Ids", new ArrayList<>(linked.keySet()));
                if (record.containsKey(field + "Names")) {
                    record.put(field + "Names", new LinkedHashMap<>(linked));
                }
            }
        }
    }

    /** Which of the ids are records of the entity the user may read. */
    Set<String> readable(CrmUser user, EntityDef entity, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Table<?> table = table(name(entity.table()));
        return new HashSet<>(db.select(field(name(entity.table(), "id"), String.class)).from(table)
                .where(notDeleted(entity), field(name(entity.table(), "id"), String.class).in(ids),
                        access.condition(user, entity.name(), Action.READ, new AccessTable(entity))).fetch(0, String.class));
    }
}
