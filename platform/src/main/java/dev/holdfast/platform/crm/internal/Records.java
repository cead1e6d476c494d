package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;

import dev.holdfast.platform.crm.RecordCreated;
import dev.holdfast.platform.crm.RecordDeleted;
import dev.holdfast.platform.crm.RecordUpdated;
import dev.holdfast.platform.crm.RecordUpdated.Change;
import dev.holdfast.platform.crm.RecordsRelated;
import dev.holdfast.platform.crm.RecordsUnrelated;
import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.Ownership;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.crm.internal.Attribute.Kind;
import dev.holdfast.platform.crm.internal.RecordQueries.ListRequest;
import dev.holdfast.platform.crm.internal.RecordQueries.Page;
import dev.holdfast.platform.crm.internal.RecordQueries.RelationJoin;
import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record store's entry point: list, read, create, update, delete, related lists, relate and unrelate, each
 * asking {@link RecordAccess}; every change publishes its event and a live update ({@code record/<Entity>/<id>},
 * and {@code record/<Entity>} for lists) after commit.
 */
@Service
class Records {

    private static final Set<String> IGNORED = Set.of("id", "deleted", "versionNumber", "createdAt", "modifiedAt",
            "createdById", "createdByName", "modifiedById", "modifiedByName");
    private final DSLContext db;
    private final MetadataStore metadata;
    private final RecordQueries queries;
    private final RecordAccess access;
    private final UserNames users;
    private final ApplicationEventPublisher events;
    private final LiveUpdates live;
    private final Clock clock;
    private final TransactionTemplate reads;

    Records(DSLContext db, MetadataStore metadata, RecordQueries queries, RecordAccess access, UserNames users,
            ApplicationEventPublisher events, LiveUpdates live, Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.metadata = metadata;
        this.queries = queries;
        this.access = access;
        this.users = users;
        this.events = events;
        this.live = live;
        this.clock = clock;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    EntityDef entity(Metadata current, String name) {
        return current.entity(name).orElseThrow(() -> CrmApiException.invalid("entityType",
                "Unknown entity type '" + WhereItem.shorten(name) + "'."));
    }

    /**
     * A list page. With a count, page and count are read in one read-only transaction, so they agree; without one
     * ({@code X-No-Total}) the page is one SELECT (and, for parent names and link-multiple ids, look-ups by the page's
     * ids) and runs without a transaction: no BEGIN and COMMIT around it, which on PostgreSQL are round trips of their own.
     */
    Page list(CrmUser user, String entityType, ListRequest request) {
        if (request.total()) {
            return Objects.requireNonNull(reads.execute(status -> page(user, entityType, request)));
        }
        return page(user, entityType, request);
    }

    private Page page(CrmUser user, String entityType, ListRequest request) {
        Metadata current = metadata.current();
        return queries.list(user, current, entity(current, entityType), request, trueCondition(), null);
    }

    @Transactional(readOnly = true)
    Map<String, Object> read(CrmUser user, String entityType, String id) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        readable(user, entity, id);
        return Objects.requireNonNull(queries.one(user, current, entity, id));
    }

    @Transactional
    Map<String, Object> create(CrmUser user, String entityType, Map<String, Object> body, boolean skipDuplicateCheck) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        if (access.scope(user, entity.name(), Action.CREATE) == Scope.NO) {
            throw CrmApiException.forbidden("You may not create " + entity.name() + " records.");
        }
        RecordInput input = RecordInput.read(entity, body, null, (type, target) -> linkReadable(user, type, target));
        input.applyDefaults(entity);
        if (entity.hasAssignedUser() && !input.columns().containsKey("assigned_user_id")) {
            input.columns().put("assigned_user_id", user.userId());
        }
        input.requireComplete(entity);
        checkEditable(user, entity, input);
        Set<String> teams = new HashSet<>(input.linkIds().getOrDefault("teams", List.of()));
        Ownership ownership = new Ownership((String) input.columns().get("assigned_user_id"), user.userId(), teams);
        if (!access.permits(user, entity.name(), Action.CREATE, ownership)) {
            throw CrmApiException.forbidden("You may not create this " + entity.name() + " record.");
        }
        if (!skipDuplicateCheck) {
            List<Map<String, Object>> duplicates = duplicates(user, current, entity, input);
            if (!duplicates.isEmpty()) {
                throw CrmApiException.conflict("A similar " + entity.name() + " record exists; send X-Skip-Duplicate-Check: "
                        + "true to create it anyway.", Map.of("reason", "Duplicate", "duplicates", duplicates));
            }
        }
        String id = Names.newId();
        long now = clock.millis();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(field(name("id")), id);
        values.put(field(name("deleted")), false);
        input.columns().forEach((column, value) -> values.put(field(name(column)), value));
        values.put(field(name("created_at")), now);
        values.put(field(name("modified_at")), now);
        values.put(field(name("created_by_id")), user.userId());
        values.put(field(name("modified_by_id")), user.userId());
        values.put(field(name("version_number")), 1L);
        for (FieldDef field : entity.fields().values()) {
            if (field.type() == FieldType.AUTOINCREMENT) {
                values.put(field(name(Names.column(field.name()))), nextNumber(entity, field));
            }
        }
        db.insertInto(table(name(entity.table()))).set(values).execute();
        input.linkIds().forEach((link, ids) -> replaceLinks(current, entity, id, entity.link(link).orElseThrow(), ids));
        events.publishEvent(new RecordCreated(entity.name(), id, user.userId()));
        announce(entity, id, "created");
        return Objects.requireNonNull(queries.one(user, current, entity, id));
    }

    @Transactional
    Map<String, Object> update(CrmUser user, String entityType, String id, Map<String, Object> body) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        Ownership ownership = readable(user, entity, id);
        if (!access.permits(user, entity.name(), Action.EDIT, ownership)) {
            throw CrmApiException.forbidden("You may not edit this " + entity.name() + " record.");
        }
        Map<String, Object> before = Objects.requireNonNull(queries.one(user, current, entity, id));
        long version = before.get("versionNumber") instanceof Number n ? n.longValue() : 0;
        Object expected = body.get("versionNumber");
        if (expected != null && !(expected instanceof Number n && n.longValue() == version)) {
            throw CrmApiException.conflict("The record was changed since version " + expected + "; it is at version "
                    + version + " now.", Map.of("reason", "modified", "versionNumber", version));
        }
        RecordInput input = RecordInput.read(entity, body, before, (type, target) -> linkReadable(user, type, target));
        checkEditable(user, entity, input);
        input.requireComplete(entity);
        Map<String, Change> changes = new LinkedHashMap<>();
        input.columns().forEach((column, value) -> {
            Attribute attribute = input.attributes().get(column);
            Object old = before.get(attribute.name());
            Object now = RecordValues.toJson(attribute, value);
            if (!Objects.equals(old, now) && !(isNumber(old) && isNumber(now) && ((Number) old).doubleValue() == ((Number) now).doubleValue())) {
                changes.put(attribute.name(), new Change(old, now));
            }
        });
        for (var links : input.linkIds().entrySet()) {
            Object old = before.get(links.getKey() + "Ids");
            if (!Objects.equals(old == null ? null : Set.copyOf((List<?>) old), Set.copyOf(links.getValue()))) {
                changes.put(links.getKey() + "Ids", new Change(old, List.copyOf(links.getValue())));
                replaceLinks(current, entity, id, entity.link(links.getKey()).orElseThrow(), links.getValue());
            }
        }
        if (changes.isEmpty()) {
            return before;
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        input.columns().forEach((column, value) -> values.put(field(name(column)), value));
        values.put(field(name("modified_at")), clock.millis());
        values.put(field(name("modified_by_id")), user.userId());
        values.put(field(name("version_number")), version + 1);
        int updated = db.update(table(name(entity.table()))).set(values)
                .where(field(name("id")).eq(id), field(name("version_number"), Long.class).eq(version)).execute();
        if (updated == 0) {
            throw CrmApiException.conflict("The record was changed at the same time; load it again.", Map.of("reason", "modified"));
        }
        events.publishEvent(new RecordUpdated(entity.name(), id, user.userId(), changes));
        announce(entity, id, "updated");
        return Objects.requireNonNull(queries.one(user, current, entity, id));
    }

    @Transactional
    void delete(CrmUser user, String entityType, String id) {
        EntityDef entity = entity(metadata.current(), entityType);
        Ownership ownership = readable(user, entity, id);
        if (!access.permits(user, entity.name(), Action.DELETE, ownership)) {
            throw CrmApiException.forbidden("You may not delete this " + entity.name() + " record.");
        }
        db.update(table(name(entity.table()))).set(field(name("deleted"), Boolean.class), true)
                .set(field(name("modified_at"), Long.class), clock.millis()).set(field(name("modified_by_id"), String.class), user.userId())
                .where(field(name("id")).eq(id)).execute();
        events.publishEvent(new RecordDeleted(entity.name(), id, user.userId()));
        announce(entity, id, "deleted");
    }

    /**
     * EspoCRM's lead conversion: creates the Account, Contact and Opportunity given (each optional; the contact and
     * the opportunity are linked to the new account, the opportunity to the new contact) and marks the lead
     * Converted with links to what it became. All or nothing.
     */
    @Transactional
    Map<String, Object> convertLead(CrmUser user, String leadId, Map<String, Object> records, boolean skipDuplicateCheck) {
        Metadata current = metadata.current();
        EntityDef lead = entity(current, "Lead");
        Ownership ownership = readable(user, lead, leadId);
        if (!access.permits(user, lead.name(), Action.EDIT, ownership)) {
            throw CrmApiException.forbidden("You may not convert this lead.");
        }
        Map<String, Object> before = Objects.requireNonNull(queries.one(user, current, lead, leadId));
        if ("Converted".equals(before.get("status"))) {
            throw CrmApiException.conflict("The lead is converted already.", Map.of("reason", "converted"));
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", "Converted");
        String accountId = null;
        if (section(records, "Account") instanceof Map<String, Object> account) {
            accountId = (String) create(user, "Account", account, skipDuplicateCheck).get("id");
            changes.put("createdAccountId", accountId);
        }
        String contactId = null;
        if (section(records, "Contact") instanceof Map<String, Object> contact) {
            if (accountId != null) {
                contact.putIfAbsent("accountId", accountId);
            }
            contactId = (String) create(user, "Contact", contact, skipDuplicateCheck).get("id");
            changes.put("createdContactId", contactId);
        }
        if (section(records, "Opportunity") instanceof Map<String, Object> opportunity) {
            if (accountId != null) {
                opportunity.putIfAbsent("accountId", accountId);
            }
            String opportunityId = (String) create(user, "Opportunity", opportunity, skipDuplicateCheck).get("id");
            if (contactId != null) {
                relate(user, "Opportunity", opportunityId, "contacts", List.of(contactId), Map.of());
            }
            changes.put("createdOpportunityId", opportunityId);
        }
        return update(user, "Lead", leadId, changes);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> section(Map<String, Object> records, String entityType) {
        Object value = records.get(entityType);
        if (value != null && !(value instanceof Map)) {
            throw CrmApiException.invalid("records." + entityType, "records." + entityType + " must be an object of attributes.");
        }
        return value == null ? null : new LinkedHashMap<>((Map<String, Object>) value);
    }

    @Transactional(readOnly = true)
    Page related(CrmUser user, String entityType, String id, String linkName, ListRequest request) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        readable(user, entity, id);
        LinkDef link = relatable(entity, linkName);
        EntityDef foreign = entity(current, String.valueOf(link.entity()));
        return switch (link.kind()) {
            case HAS_MANY -> queries.list(user, current, foreign, request,
                    field(name(foreign.table(), Names.column(link.foreign()) + "_id")).eq(id), null);
            case HAS_CHILDREN -> queries.list(user, current, foreign, request,
                    field(name(foreign.table(), "parent_id")).eq(id).and(field(name(foreign.table(), "parent_type")).eq(entity.name())), null);
            default -> queries.list(user, current, foreign, request, trueCondition(), new RelationJoin(link, entity.name(), id));
        };
    }

    @Transactional
    void relate(CrmUser user, String entityType, String id, String linkName, List<String> ids, Map<String, Object> columns) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        LinkDef link = editableLink(user, entity, id, linkName);
        EntityDef foreign = entity(current, String.valueOf(link.entity()));
        Set<String> found = queries.readable(user, foreign, ids);
        for (String foreignId : ids) {
            if (!found.contains(foreignId)) {
                throw CrmApiException.notFound(foreign.name());
            }
            switch (link.kind()) {
                case HAS_MANY -> db.update(table(name(foreign.table())))
                        .set(field(name(Names.column(link.foreign()) + "_id"), String.class), id).where(field(name("id")).eq(foreignId)).execute();
                case HAS_CHILDREN -> db.update(table(name(foreign.table()))).set(field(name("parent_id"), String.class), id)
                        .set(field(name("parent_type"), String.class), entity.name()).where(field(name("id")).eq(foreignId)).execute();
                default -> relateMany(entity, id, link, foreignId, columns);
            }
            events.publishEvent(new RecordsRelated(entity.name(), id, link.name(), foreign.name(), foreignId, user.userId()));
        }
        announce(entity, id, "related");
    }

    @Transactional
    void unrelate(CrmUser user, String entityType, String id, String linkName, List<String> ids) {
        Metadata current = metadata.current();
        EntityDef entity = entity(current, entityType);
        LinkDef link = editableLink(user, entity, id, linkName);
        EntityDef foreign = entity(current, String.valueOf(link.entity()));
        for (String foreignId : ids) {
            int changed = switch (link.kind()) {
                case HAS_MANY -> db.update(table(name(foreign.table())))
                        .set(field(name(Names.column(link.foreign()) + "_id"), String.class), (String) null)
                        .where(field(name("id")).eq(foreignId), field(name(Names.column(link.foreign()) + "_id")).eq(id)).execute();
                case HAS_CHILDREN -> db.update(table(name(foreign.table()))).set(field(name("parent_id"), String.class), (String) null)
                        .set(field(name("parent_type"), String.class), (String) null)
                        .where(field(name("id")).eq(foreignId), field(name("parent_id")).eq(id)).execute();
                default -> {
                    String relation = Names.relationTable(link.relationName());
                    yield db.deleteFrom(table(name(relation))).where(field(name(SchemaSync.keyColumn(entity.name()))).eq(id),
                            field(name(SchemaSync.keyColumn(foreign.name()))).eq(foreignId)).execute();
                }
            };
            if (changed > 0) {
                events.publishEvent(new RecordsUnrelated(entity.name(), id, link.name(), foreign.name(), foreignId, user.userId()));
            }
        }
        announce(entity, id, "unrelated");
    }

    private LinkDef editableLink(CrmUser user, EntityDef entity, String id, String linkName) {
        Ownership ownership = readable(user, entity, id);
        LinkDef link = relatable(entity, linkName);
        if (!access.permits(user, entity.name(), Action.EDIT, ownership)) {
            throw CrmApiException.forbidden("You may not edit this " + entity.name() + " record.");
        }
        return link;
    }

    private static LinkDef relatable(EntityDef entity, String linkName) {
        LinkDef link = entity.link(linkName).orElseThrow(() -> CrmApiException.invalid("link",
                "Unknown link '" + WhereItem.shorten(linkName) + "' of " + entity.name() + "."));
        if (link.kind() == LinkDef.Kind.BELONGS_TO || link.kind() == LinkDef.Kind.BELONGS_TO_PARENT
                || EntityDef.TEAM.equals(link.entity())) {
            throw CrmApiException.invalid("link", "'" + linkName + "' is not a related list; set '" + linkName
                    + (EntityDef.TEAM.equals(link.entity()) ? "Ids" : "Id") + "' on the record instead.");
        }
        return link;
    }

    private void relateMany(EntityDef entity, String id, LinkDef link, String foreignId, Map<String, Object> columns) {
        String relation = Names.relationTable(link.relationName());
        Table<?> table = table(name(relation));
        Condition match = field(name(SchemaSync.keyColumn(entity.name()))).eq(id).and(field(name(SchemaSync.keyColumn(link.entity()))).eq(foreignId));
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        columns.forEach((column, value) -> {
            if (!link.columns().containsKey(column)) {
                throw CrmApiException.invalid("columns." + WhereItem.shorten(column), "'" + link.name() + "' has no relation column '"
                        + WhereItem.shorten(column) + "'; it has " + link.columns().keySet() + ".");
            }
            if (value != null && !(value instanceof String s && s.length() <= 255)) {
                throw CrmApiException.invalid("columns." + column, "A relation column takes a string of at most 255 characters.");
            }
            values.put(field(name(column)), value);
        });
        if (db.fetchExists(table, match)) {
            if (!values.isEmpty()) {
                db.update(table).set(values).where(match).execute();
            }
            return;
        }
        values.put(field(name(SchemaSync.keyColumn(entity.name()))), id);
        values.put(field(name(SchemaSync.keyColumn(link.entity()))), foreignId);
        db.insertInto(table).set(values).execute();
    }

    private void replaceLinks(Metadata current, EntityDef entity, String id, LinkDef link, List<String> ids) {
        if (EntityDef.TEAM.equals(link.entity())) {
            Table<?> teams = table(name("crm_entity_team"));
            db.deleteFrom(teams).where(field(name("entity_type")).eq(entity.name()), field(name("entity_id")).eq(id)).execute();
            for (String team : new LinkedHashSet<>(ids)) {
                db.insertInto(teams).set(field(name("entity_type")), entity.name()).set(field(name("entity_id")), id)
                        .set(field(name("team_id")), team).execute();
            }
            return;
        }
        String relation = Names.relationTable(link.relationName());
        db.deleteFrom(table(name(relation))).where(field(name(SchemaSync.keyColumn(entity.name()))).eq(id)).execute();
        for (String foreignId : new LinkedHashSet<>(ids)) {
            relateMany(entity, id, link, foreignId, Map.of());
        }
    }

    /** The record's ownership if it exists and the user may read it; else a 404 that does not tell which. */
    /**
     * Whether the user may read the record; answers instead of throwing, so that a caller inside a transaction (the
     * stream, attachments) can ask about several users without marking its transaction for rollback.
     */
    @Transactional(readOnly = true)
    boolean canRead(CrmUser user, String entityType, String id) {
        Optional<EntityDef> entity = metadata.current().entity(entityType);
        if (entity.isEmpty()) {
            return false;
        }
        try {
            readable(user, entity.get(), id);
            return true;
        } catch (CrmApiException e) {
            return false;
        }
    }

    private Ownership readable(CrmUser user, EntityDef entity, String id) {
        if (!Names.ID.matcher(id).matches()) {
            throw CrmApiException.notFound(entity.name());
        }
        Ownership ownership = queries.ownership(entity, id);
        if (ownership == null || !access.permits(user, entity.name(), Action.READ, ownership)) {
            throw CrmApiException.notFound(entity.name());
        }
        return ownership;
    }

    private void checkEditable(CrmUser user, EntityDef entity, RecordInput input) {
        Set<String> fields = new LinkedHashSet<>();
        input.attributes().values().forEach(attribute -> fields.add(attribute.field().name()));
        fields.addAll(input.linkIds().keySet());
        for (String field : fields) {
            if (!access.canEdit(user, entity.name(), field)) {
                throw CrmApiException.forbidden("You may not change the field '" + field + "' of " + entity.name() + ".");
            }
        }
    }

    private List<Map<String, Object>> duplicates(CrmUser user, Metadata current, EntityDef entity, RecordInput input) {
        List<Condition> matches = new ArrayList<>();
        for (String fieldName : entity.duplicateCheck()) {
            Attribute attribute = entity.attribute(fieldName).filter(Attribute::stored).orElse(null);
            Object value = attribute == null ? null : input.columns().get(attribute.column());
            if (value instanceof String text && !text.isBlank()) {
                matches.add(field(name(entity.table(), attribute.column()), String.class).equalIgnoreCase(text));
            }
        }
        if (matches.isEmpty()) {
            return List.of();
        }
        List<String> select = new ArrayList<>(List.of("id"));
        select.addAll(entity.duplicateCheck());
        return queries.list(user, current, entity, new ListRequest(10, 0, null, true, select, List.of(), List.of(), false), or(matches), null).list();
    }

    private long nextNumber(EntityDef entity, FieldDef field) {
        Table<?> counters = table(name("crm_autoincrement"));
        Condition which = field(name("entity")).eq(entity.name()).and(field(name("field")).eq(field.name()));
        Field<Long> next = field(name("next_value"), Long.class);
        if (db.update(counters).set(next, next.plus(1)).where(which).execute() == 0) {
            Long max = db.select(org.jooq.impl.DSL.max(field(name(Names.column(field.name())), Long.class)))
                    .from(table(name(entity.table()))).fetchOne(0, Long.class);
            long first = (max == null ? 0 : max) + 1;
            db.insertInto(counters).set(field(name("entity")), entity.name()).set(field(name("field")), field.name())
                    .set(next, first + 1).execute();
            return first;
        }
        return db.select(next).from(counters).where(which).fetchOne(next) - 1;
    }

    /**
     * Whether a link attribute's value names a record the user may read (or a user); a 400 naming the attribute
     * otherwise, the same answer as for a missing record, so a link does not reveal that an unreadable record exists
     * (EspoCRM refuses links to records the user may not read, too).
     */
    private boolean linkReadable(CrmUser user, String entityType, String id) {
        if (!linkExists(entityType, id)) {
            return false;
        }
        EntityDef entity = metadata.current().entity(entityType).orElse(null);
        return entity == null || queries.readable(user, entity, List.of(id)).contains(id);
    }

    /** Whether a link attribute's value names an existing record (or user). */
    private boolean linkExists(String entityType, String id) {
        if (EntityDef.USER.equals(entityType)) {
            return users.exists(id);
        }
        EntityDef entity = metadata.current().entity(entityType).orElse(null);
        return entity != null && Names.ID.matcher(id).matches()
                && db.fetchExists(table(name(entity.table())), field(name("id")).eq(id).and(field(name("deleted"), Boolean.class).eq(false)));
    }

    private void announce(EntityDef entity, String id, String kind) {
        live.publish(Topic.of("record", entity.name(), id), kind, Map.of("id", id));
        live.publish(Topic.of("record", entity.name()), kind, Map.of("id", id));
    }

    private static boolean isNumber(@Nullable Object value) {
        return value instanceof Number;
    }

    static boolean ignored(String attribute) {
        return IGNORED.contains(attribute);
    }

    static boolean nameLike(Attribute attribute) {
        return attribute.kind() == Kind.LINK_NAME || attribute.kind() == Kind.PARENT_NAME || attribute.kind() == Kind.LINK_NAMES;
    }
}
