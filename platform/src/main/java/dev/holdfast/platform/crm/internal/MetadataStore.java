package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.internal.LinkDef.Kind;
import dev.holdfast.platform.shared.database.DatabaseReady;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entity, field and link definitions as data ({@code crm_entity_def}, {@code crm_field_def}, {@code crm_link_def}),
 * cached per node. Every change bumps {@code crm_metadata_revision} in the same transaction as its DDL; a node
 * compares that number with its cache at most every {@link #CHECK_INTERVAL_MS} ms (one tiny query), so a field added
 * on one node is used on every other node within that interval, without a restart.
 */
@Service
class MetadataStore {

    static final long CHECK_INTERVAL_MS = 500;
    /** The advisory lock key of metadata changes (an arbitrary constant, "crm" + 1). */
    private static final long METADATA_LOCK = 0x63726d01L;
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
    static final Table<?> REVISION = table(name("crm_metadata_revision"));
    static final Field<Long> REVISION_VALUE = field(name("revision"), Long.class);
    static final Table<?> ENTITY_DEF = table(name("crm_entity_def"));
    static final Table<?> FIELD_DEF = table(name("crm_field_def"));
    static final Table<?> LINK_DEF = table(name("crm_link_def"));
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> ENTITY = field(name("entity"), String.class);
    static final Field<String> TABLE_NAME = field(name("table_name"), String.class);
    static final Field<Boolean> CUSTOM = field(name("custom"), Boolean.class);
    static final Field<String> DEFINITION = field(name("definition"), String.class);
    static final Field<String> TYPE = field(name("type"), String.class);
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<Integer> POSITION = field(name("position"), Integer.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);

    private final DSLContext db;
    private final SchemaSync schema;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile @Nullable Metadata cached;
    private volatile long checkedAt;

    MetadataStore(DSLContext db, SchemaSync schema, TransactionTemplate transactions, Clock clock) {
        this.db = db;
        this.schema = schema;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Seeds the built-in entity types that are missing (also fields added to them since) and syncs every table. */
    @EventListener
    @Order(0)
    void on(DatabaseReady ready) {
        transactions.executeWithoutResult(status -> {
            lock();
            Metadata stored = load();
            boolean changed = false;
            for (EntityDef builtIn : BuiltInEntities.all()) {
                EntityDef existing = stored.entities().get(builtIn.name());
                changed |= insert(builtIn, existing);
            }
            Metadata now = changed ? load() : stored;
            now.all().forEach(schema::sync);
            if (changed) {
                bump();
            }
        });
        cached = null;
        LOG.debug("CRM metadata ready: {} entity types", current().entities().size());
    }

    /** The definitions as of at most {@link #CHECK_INTERVAL_MS} ago. */
    Metadata current() {
        Metadata metadata = cached;
        long now = clock.millis();
        if (metadata != null && now - checkedAt < CHECK_INTERVAL_MS) {
            return metadata;
        }
        Long revision = db.select(REVISION_VALUE).from(REVISION).where(field(name("id")).eq(1)).fetchOne(REVISION_VALUE);
        checkedAt = now;
        if (metadata == null || revision == null || revision != metadata.revision()) {
            metadata = load();
            cached = metadata;
        }
        return metadata;
    }

    /** Adds a custom entity type and creates its table, in the caller's transaction. */
    void addEntity(EntityDef entity) {
        lock();
        insert(entity, null);
        schema.sync(entity);
        bump();
    }

    /** Adds a field (and the link of a link field; for a link, also its other side) and its columns. */
    void addField(EntityDef entity, FieldDef field, @Nullable LinkDef link, @Nullable LinkDef foreignSide) {
        lock();
        int position = db.fetchCount(FIELD_DEF, ENTITY.eq(entity.name()));
        insertField(entity.name(), field, position);
        if (link != null) {
            insertLink(entity.name(), link);
        }
        EntityDef updated = entity.with(field, link);
        schema.sync(updated);
        if (foreignSide != null && link != null && link.entity() != null) {
            insertLink(link.entity(), foreignSide);
            EntityDef foreign = current().entity(link.entity()).orElseThrow();
            schema.sync(foreign.withLink(foreignSide));
        }
        bump();
    }

    /**
     * Serializes metadata changes and start-up seeding across nodes until the transaction ends: on PostgreSQL a
     * transaction-scoped advisory lock; SQLite's write transactions are serialized already (and it has one node).
     */
    private void lock() {
        if (db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            db.fetch("select pg_advisory_xact_lock(?)", METADATA_LOCK);
        }
    }

    private void bump() {
        db.update(REVISION).set(REVISION_VALUE, REVISION_VALUE.plus(1)).where(field(name("id")).eq(1)).execute();
        cached = null;
    }

    private boolean insert(EntityDef entity, @Nullable EntityDef existing) {
        boolean changed = false;
        if (existing == null) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("assignedUser", entity.hasAssignedUser());
            definition.put("duplicateCheckFieldList", entity.duplicateCheck());
            db.insertInto(ENTITY_DEF).set(NAME, entity.name()).set(TABLE_NAME, entity.table()).set(CUSTOM, entity.custom())
                    .set(DEFINITION, Json.write(definition)).set(CREATED_AT, clock.millis()).execute();
            changed = true;
        }
        int position = existing == null ? 0 : existing.ownFields().size();
        for (FieldDef field : entity.ownFields()) {
            if (existing == null || !existing.fields().containsKey(field.name())) {
                insertField(entity.name(), field, position++);
                changed = true;
            }
        }
        for (LinkDef link : entity.ownLinks()) {
            if (existing == null || !existing.links().containsKey(link.name())) {
                insertLink(entity.name(), link);
                changed = true;
            }
        }
        return changed;
    }

    private void insertField(String entity, FieldDef field, int position) {
        db.insertInto(FIELD_DEF).set(ENTITY, entity).set(NAME, field.name()).set(TYPE, field.type().espoName())
                .set(CUSTOM, field.custom()).set(POSITION, position).set(DEFINITION, Json.write(field.toMetadata())).execute();
    }

    private void insertLink(String entity, LinkDef link) {
        db.insertInto(LINK_DEF).set(ENTITY, entity).set(NAME, link.name()).set(KIND, link.kind().espoName)
                .set(CUSTOM, link.custom()).set(DEFINITION, Json.write(link.toMetadata())).execute();
    }

    private Metadata load() {
        Long revision = db.select(REVISION_VALUE).from(REVISION).where(field(name("id")).eq(1)).fetchOne(REVISION_VALUE);
        Map<String, List<FieldDef>> fields = new HashMap<>();
        for (Record row : db.select(ENTITY, DEFINITION, NAME).from(FIELD_DEF).orderBy(ENTITY, POSITION).fetch()) {
            fields.computeIfAbsent(row.get(ENTITY), e -> new ArrayList<>()).add(toField(row.get(NAME), Json.readMap(row.get(DEFINITION))));
        }
        Map<String, List<LinkDef>> links = new HashMap<>();
        for (Record row : db.select(ENTITY, DEFINITION, NAME).from(LINK_DEF).orderBy(ENTITY, NAME).fetch()) {
            links.computeIfAbsent(row.get(ENTITY), e -> new ArrayList<>()).add(toLink(row.get(NAME), Json.readMap(row.get(DEFINITION))));
        }
        Map<String, EntityDef> entities = new LinkedHashMap<>();
        for (Record row : db.select(NAME, TABLE_NAME, CUSTOM, DEFINITION).from(ENTITY_DEF).orderBy(CUSTOM, NAME).fetch()) {
            Map<String, Object> definition = Json.readMap(row.get(DEFINITION));
            @SuppressWarnings("unchecked")
            List<String> duplicateCheck = (List<String>) definition.getOrDefault("duplicateCheckFieldList", List.of());
            String name = row.get(NAME);
            entities.put(name, new EntityDef(name, row.get(TABLE_NAME), row.get(CUSTOM),
                    Boolean.TRUE.equals(definition.get("assignedUser")), duplicateCheck,
                    fields.getOrDefault(name, List.of()), links.getOrDefault(name, List.of())));
        }
        return new Metadata(revision == null ? 0 : revision, entities);
    }

    @SuppressWarnings("unchecked")
    static FieldDef toField(String name, Map<String, Object> map) {
        FieldType type = FieldType.of((String) map.get("type")).orElseThrow();
        Object maxLength = map.get("maxLength");
        return new FieldDef(name, type, Boolean.TRUE.equals(map.get("required")), Boolean.TRUE.equals(map.get("readOnly")),
                map.get("default"), Boolean.TRUE.equals(map.get("audited")), (String) map.get("pattern"),
                maxLength instanceof Number n ? n.intValue() : null, (List<String>) map.getOrDefault("options", List.of()),
                Boolean.TRUE.equals(map.get("isCustom")));
    }

    @SuppressWarnings("unchecked")
    static LinkDef toLink(String name, Map<String, Object> map) {
        String type = (String) map.get("type");
        Kind kind = java.util.Arrays.stream(Kind.values()).filter(k -> k.espoName.equals(type)).findFirst().orElseThrow();
        return new LinkDef(name, kind, (String) map.get("entity"), (String) map.get("foreign"), (String) map.get("relationName"),
                (Map<String, String>) map.getOrDefault("columnAttributeMap", Map.of()),
                (List<String>) map.getOrDefault("entityList", List.of()), Boolean.TRUE.equals(map.get("isCustom")));
    }

    static Set<String> entityNames(Metadata metadata) {
        return metadata.all().stream().map(EntityDef::name).collect(Collectors.toSet());
    }
}
