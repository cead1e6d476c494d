package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.platform.crm.RecordCreated;
import dev.holdfast.platform.crm.RecordUpdated;
import dev.holdfast.platform.crm.RecordsRelated;
import dev.holdfast.platform.crm.RecordsUnrelated;
import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.shared.live.LiveUpdates;
import dev.holdfast.platform.shared.live.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stream, EspoCRM's way: its items are Note records on the record they are about (parent). The record store's
 * events write them inside the transaction of the change: {@code Create}; {@code Assign} when the assigned user
 * changes; {@code Status} for {@code status} and {@code stage}; {@code Update} with old → new values of audited
 * fields; {@code Relate} and {@code Unrelate}. People add {@code Post}s (with @mentions and attachments). Creators,
 * assigned users and posters follow a record; followers (except the author) get a notification for each note,
 * mentioned users who may read the record get a {@code MentionInPost} one; both arrive live on
 * {@code notifications/<userId>}, and open views of the record hear {@code stream} on {@code record/<Entity>/<id>}.
 * Reading a stream needs read access to the record and a stream scope other than "no".
 */
@Component
class Stream {

    static final String NOTE = "Note";
    private static final Set<String> STATUS_FIELDS = Set.of("status", "stage");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9._-]{1,100})");

    static final Table<Record> SUBSCRIPTION = table(name("crm_stream_subscription"));
    static final Field<String> SUB_TYPE = field(name("entity_type"), String.class);
    static final Field<String> SUB_ID = field(name("entity_id"), String.class);
    static final Field<String> SUB_USER = field(name("user_id"), String.class);
    static final Field<Long> SUB_AT = field(name("created_at"), Long.class);
    static final Table<Record> NOTIFICATION = table(name("crm_notification"));
    static final Field<String> N_ID = field(name("id"), String.class);
    static final Field<String> N_USER = field(name("user_id"), String.class);
    static final Field<String> N_TYPE = field(name("type"), String.class);
    static final Field<String> N_NOTE = field(name("note_id"), String.class);
    static final Field<String> N_RELATED_TYPE = field(name("related_type"), String.class);
    static final Field<String> N_RELATED_ID = field(name("related_id"), String.class);
    static final Field<Boolean> N_READ = field(name("is_read"), Boolean.class);
    static final Field<Long> N_AT = field(name("created_at"), Long.class);

    private static final Table<Record> NOTES = table(name(Names.table(NOTE)));

    // qualified, for the notifications list (a join, with subqueries on record tables that have columns of these names)
    private static final Table<Record> QNOTIFICATION = table(name("crm_notification"));
    private static final Field<String> QN_ID = field(name("crm_notification", "id"), String.class);
    private static final Field<String> QN_USER = field(name("crm_notification", "user_id"), String.class);
    private static final Field<String> QN_TYPE = field(name("crm_notification", "type"), String.class);
    private static final Field<String> QN_NOTE = field(name("crm_notification", "note_id"), String.class);
    private static final Field<String> QN_RELATED_TYPE = field(name("crm_notification", "related_type"), String.class);
    private static final Field<String> QN_RELATED_ID = field(name("crm_notification", "related_id"), String.class);
    private static final Field<Boolean> QN_READ = field(name("crm_notification", "is_read"), Boolean.class);
    private static final Field<Long> QN_AT = field(name("crm_notification", "created_at"), Long.class);
    private static final Table<Record> QNOTES = table(name(Names.table(NOTE)));
    private static final Field<String> QNOTE_ID = field(name(Names.table(NOTE), "id"), String.class);
    private static final Field<String> QNOTE_TYPE = field(name(Names.table(NOTE), "type"), String.class);
    private static final Field<String> QNOTE_POST = field(name(Names.table(NOTE), "post"), String.class);
    private static final Field<String> QNOTE_DATA = field(name(Names.table(NOTE), "data"), String.class);
    private static final Field<String> QNOTE_PARENT_TYPE = field(name(Names.table(NOTE), "parent_type"), String.class);
    private static final Field<String> QNOTE_PARENT_ID = field(name(Names.table(NOTE), "parent_id"), String.class);
    private static final Field<String> QNOTE_ATTACHMENTS = field(name(Names.table(NOTE), "attachments_ids"), String.class);
    private static final Field<String> QNOTE_CREATED_BY = field(name(Names.table(NOTE), "created_by_id"), String.class);
    private static final Field<Long> QNOTE_CREATED_AT = field(name(Names.table(NOTE), "created_at"), Long.class);
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<Boolean> DELETED = field(name("deleted"), Boolean.class);
    private static final Field<String> POST = field(name("post"), String.class);
    private static final Field<String> TYPE = field(name("type"), String.class);
    private static final Field<String> DATA = field(name("data"), String.class);
    private static final Field<String> ATTACHMENTS = field(name("attachments_ids"), String.class);
    private static final Field<String> PARENT_TYPE = field(name("parent_type"), String.class);
    private static final Field<String> PARENT_ID = field(name("parent_id"), String.class);
    private static final Field<String> CREATED_BY = field(name("created_by_id"), String.class);
    private static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);

    private final DSLContext db;
    private final MetadataStore metadata;
    private final Records records;
    private final RecordAccess access;
    private final UserNames names;
    private final UserManagement users;
    private final LiveUpdates live;
    private final Clock clock;

    Stream(DSLContext db, MetadataStore metadata, Records records, RecordAccess access, UserNames names,
            UserManagement users, LiveUpdates live, Clock clock) {
        this.db = db;
        this.metadata = metadata;
        this.records = records;
        this.access = access;
        this.names = names;
        this.users = users;
        this.live = live;
        this.clock = clock;
    }

    /** A page of notes or notifications. */
    record Page(long total, List<Map<String, Object>> list) {}

    // --- notes written by the record store's events ---

    @EventListener
    void on(RecordCreated event) {
        if (NOTE.equals(event.entityType()) || event.userId() == null) {
            return;
        }
        EntityDef entity = metadata.current().entity(event.entityType()).orElse(null);
        if (entity == null) {
            return;
        }
        follow(event.entityType(), event.id(), event.userId());
        Map<String, Object> data = new LinkedHashMap<>();
        // one column, not the whole record with its joins: this runs inside every create
        String assignedUser = !entity.hasAssignedUser() ? null : db.select(field(name("assigned_user_id"), String.class))
                .from(table(name(entity.table()))).where(ID.eq(event.id())).fetchOne(0, String.class);
        if (assignedUser instanceof String assigned) {
            follow(event.entityType(), event.id(), assigned);
            if (!assigned.equals(event.userId())) {
                data.put("assignedUserId", assigned);
                data.put("assignedUserName", names.name(assigned).orElse(assigned));
            }
        }
        note("Create", event.entityType(), event.id(), event.userId(), null, data, List.of());
    }

    @EventListener
    void on(RecordUpdated event) {
        if (NOTE.equals(event.entityType()) || event.userId() == null) {
            return;
        }
        EntityDef entity = metadata.current().entity(event.entityType()).orElse(null);
        if (entity == null) {
            return;
        }
        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> became = new LinkedHashMap<>();
        event.changes().forEach((attribute, change) -> {
            if (attribute.equals("assignedUserId")) {
                if (change.after() instanceof String assigned) {
                    follow(event.entityType(), event.id(), assigned);
                    note("Assign", event.entityType(), event.id(), event.userId(), null,
                            Map.of("assignedUserId", assigned, "assignedUserName", names.name(assigned).orElse(assigned)), List.of());
                }
            } else if (STATUS_FIELDS.contains(attribute) && entity.fields().containsKey(attribute)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("field", attribute);
                data.put("value", change.after());
                note("Status", event.entityType(), event.id(), event.userId(), null, data, List.of());
            } else if (entity.fields().get(attribute) instanceof FieldDef field && field.audited()) {
                was.put(attribute, change.before());
                became.put(attribute, change.after());
            }
        });
        if (!became.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("fields", List.copyOf(became.keySet()));
            data.put("attributes", Map.of("was", was, "became", became));
            note("Update", event.entityType(), event.id(), event.userId(), null, data, List.of());
        }
    }

    @EventListener
    void on(RecordsRelated event) {
        related("Relate", event.entityType(), event.id(), event.link(), event.foreignEntityType(), event.foreignId(), event.userId());
    }

    @EventListener
    void on(RecordsUnrelated event) {
        related("Unrelate", event.entityType(), event.id(), event.link(), event.foreignEntityType(), event.foreignId(),
                event.userId());
    }

    private void related(String type, String entityType, String id, String link, String foreignType, String foreignId,
            @Nullable String userId) {
        if (userId == null || NOTE.equals(entityType)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("link", link);
        data.put("relatedType", foreignType);
        data.put("relatedId", foreignId);
        note(type, entityType, id, userId, null, data, List.of());
    }

    // --- what people do ---

    /** A post on a record's stream (EspoCRM: {@code POST /Note} with type Post). */
    @Transactional
    Map<String, Object> post(CrmUser user, Map<String, Object> body) {
        if (body.get("type") != null && !"Post".equals(body.get("type"))) {
            throw CrmApiException.invalid("type", "Only posts (type Post) are written through the API; other notes come from changes.");
        }
        if (!(body.get("parentType") instanceof String parentType) || !(body.get("parentId") instanceof String parentId)) {
            throw CrmApiException.invalid("parentId", "A post belongs to a record: send parentType and parentId.");
        }
        String text = body.get("post") instanceof String s ? s.strip() : "";
        List<String> attachments = Attachments.idsIn(body.get("attachmentsIds"));
        if (text.isEmpty() && attachments.isEmpty()) {
            throw CrmApiException.invalid("post", "Write something or attach a file.");
        }
        if (text.length() > 50_000) {
            throw CrmApiException.invalid("post", "A post may be at most 50,000 characters.");
        }
        streamable(user, parentType, parentId);
        follow(parentType, parentId, user.userId());
        String noteId = note("Post", parentType, parentId, user.userId(), text, Map.of(), attachments);
        Set<String> mentioned = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            mentioned.add(matcher.group(1));
        }
        for (String username : mentioned) {
            Optional<UserAccount> account = users.findByUsername(username);
            if (account.isEmpty() || account.get().id().toString().equals(user.userId()) || !mayRead(account.get(), parentType, parentId)) {
                continue;
            }
            notify(account.get().id().toString(), "MentionInPost", noteId, parentType, parentId);
        }
        return noteJson(db.selectFrom(NOTES).where(ID.eq(noteId)).fetchSingle());
    }

    @Transactional(readOnly = true)
    Page stream(CrmUser user, String entityType, String id, int maxSize, int offset) {
        streamable(user, entityType, id);
        var where = PARENT_TYPE.eq(entityType).and(PARENT_ID.eq(id)).and(DELETED.isFalse());
        long total = db.fetchCount(NOTES, where);
        List<Map<String, Object>> list = db.selectFrom(NOTES).where(where).orderBy(CREATED_AT.desc(), ID.desc())
                .limit(maxSize).offset(offset).fetch().map(this::noteJson);
        return new Page(total, list);
    }

    @Transactional
    void follow(CrmUser user, String entityType, String id) {
        streamable(user, entityType, id);
        follow(entityType, id, user.userId());
    }

    @Transactional
    void unfollow(CrmUser user, String entityType, String id) {
        records.read(user, entityType, id);
        db.deleteFrom(SUBSCRIPTION).where(SUB_TYPE.eq(entityType), SUB_ID.eq(id), SUB_USER.eq(user.userId())).execute();
    }

    boolean follows(String userId, String entityType, String id) {
        return db.fetchExists(SUBSCRIPTION, SUB_TYPE.eq(entityType), SUB_ID.eq(id), SUB_USER.eq(userId));
    }

    /**
     * The user's notifications, newest first, each with its note and the name of the record it is about; those about
     * records they can no longer read are left out. One statement: the read-access condition of every entity type the
     * user may read goes inside it (as an EXISTS on the record's table), and the note is joined.
     */
    @Transactional(readOnly = true)
    Page notifications(CrmUser user, int maxSize, int offset) {
        Visible visible = visible(user);
        Condition where = QN_USER.eq(user.userId()).and(visible.condition());
        long total = db.fetchCount(db.selectOne().from(QNOTIFICATION).where(where));
        List<Field<?>> select = new ArrayList<>(List.of(QN_ID, QN_TYPE, QN_READ, QN_RELATED_TYPE, QN_RELATED_ID, QN_AT,
                QNOTE_ID, QNOTE_TYPE, QNOTE_POST, QNOTE_DATA, QNOTE_PARENT_TYPE, QNOTE_PARENT_ID, QNOTE_ATTACHMENTS,
                QNOTE_CREATED_BY, QNOTE_CREATED_AT));
        select.add(visible.name());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Record row : db.select(select).from(QNOTIFICATION).leftJoin(QNOTES).on(QNOTE_ID.eq(QN_NOTE)).where(where)
                .orderBy(QN_AT.desc(), QN_ID.desc()).limit(maxSize).offset(offset).fetch()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", row.get(QN_ID));
            json.put("type", row.get(QN_TYPE));
            json.put("read", row.get(QN_READ));
            json.put("relatedType", row.get(QN_RELATED_TYPE));
            json.put("relatedId", row.get(QN_RELATED_ID));
            json.put("relatedName", row.get(visible.name()));
            json.put("createdAt", RecordValues.formatDateTime(row.get(QN_AT)));
            json.put("noteData", row.get(QNOTE_ID) == null ? null : noteJson(row.get(QNOTE_ID), row.get(QNOTE_TYPE),
                    row.get(QNOTE_POST), row.get(QNOTE_DATA), row.get(QNOTE_PARENT_TYPE), row.get(QNOTE_PARENT_ID),
                    row.get(QNOTE_ATTACHMENTS), row.get(QNOTE_CREATED_BY), row.get(QNOTE_CREATED_AT)));
            list.add(json);
        }
        return new Page(total, list);
    }

    /** Unread notifications about records the user may still read (what the list shows unread). */
    long notReadCount(CrmUser user) {
        return db.fetchCount(db.selectOne().from(QNOTIFICATION)
                .where(QN_USER.eq(user.userId()).and(QN_READ.isFalse()).and(visible(user).condition())));
    }

    /** Marks one of the user's notifications read; false when they have no such notification. */
    @Transactional
    boolean markRead(CrmUser user, String id) {
        return db.update(NOTIFICATION).set(N_READ, true).where(N_ID.eq(id).and(N_USER.eq(user.userId()))).execute() > 0;
    }

    /** Where the records notes or notifications are about are visible to the user, and the record's name, as SQL. */
    private record Visible(Condition condition, Field<String> name) {}

    private Visible visible(CrmUser user) {
        return visible(user, QN_RELATED_TYPE, QN_RELATED_ID, false);
    }

    /**
     * For rows naming a record by {@code typeField} and {@code idField}: per entity type the user may read (and, with
     * {@code stream}, whose stream they may see), an EXISTS on its table with the read-access condition inside, ORed.
     */
    private Visible visible(CrmUser user, Field<String> typeField, Field<String> idField, boolean stream) {
        List<Condition> byType = new ArrayList<>();
        var relatedType = DSL.choose(typeField);
        org.jooq.CaseWhenStep<String, String> cases = null;
        for (EntityDef entity : metadata.current().all()) {
            if (NOTE.equals(entity.name()) || access.scope(user, entity.name(), Action.READ) == Scope.NO
                    || stream && access.scope(user, entity.name(), Action.STREAM) == Scope.NO) {
                continue;
            }
            Field<String> recordId = field(name(entity.table(), "id"), String.class);
            Condition readable = recordId.eq(idField).and(RecordQueries.notDeleted(entity))
                    .and(access.condition(user, entity.name(), Action.READ, new AccessTable(entity)));
            byType.add(typeField.eq(entity.name()).and(DSL.exists(DSL.selectOne().from(table(name(entity.table())))
                    .where(readable))));
            if (entity.nameAttribute() != null) {
                Field<String> recordName = DSL.field(DSL.select(field(name(entity.table(), "name"), String.class))
                        .from(table(name(entity.table()))).where(recordId.eq(idField)));
                cases = cases == null ? relatedType.when(DSL.inline(entity.name()), recordName) : cases.when(DSL.inline(entity.name()), recordName);
            }
        }
        Field<String> recordName = cases == null ? DSL.inline((String) null, String.class) : cases.otherwise(DSL.inline((String) null, String.class));
        return new Visible(byType.isEmpty() ? DSL.falseCondition() : DSL.or(byType), recordName.as("related_name"));
    }

    /**
     * The newest notes on records the user may read and whose stream they may see, each with {@code parentName}: the
     * dashboard's recent stream. One statement, access inside it.
     */
    @Transactional(readOnly = true)
    List<Map<String, Object>> recent(CrmUser user, int maxSize) {
        Visible visible = visible(user, QNOTE_PARENT_TYPE, QNOTE_PARENT_ID, true);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Record row : db.select(QNOTE_ID, QNOTE_TYPE, QNOTE_POST, QNOTE_DATA, QNOTE_PARENT_TYPE, QNOTE_PARENT_ID,
                        QNOTE_ATTACHMENTS, QNOTE_CREATED_BY, QNOTE_CREATED_AT, visible.name())
                .from(QNOTES).where(field(name(Names.table(NOTE), "deleted"), Boolean.class).isFalse().and(visible.condition()))
                .orderBy(QNOTE_CREATED_AT.desc(), QNOTE_ID.desc()).limit(maxSize).fetch()) {
            Map<String, Object> json = noteJson(row.get(QNOTE_ID), row.get(QNOTE_TYPE), row.get(QNOTE_POST), row.get(QNOTE_DATA),
                    row.get(QNOTE_PARENT_TYPE), row.get(QNOTE_PARENT_ID), row.get(QNOTE_ATTACHMENTS), row.get(QNOTE_CREATED_BY),
                    row.get(QNOTE_CREATED_AT));
            json.put("parentName", row.get(visible.name()));
            list.add(json);
        }
        return list;
    }

    @Transactional
    void markAllRead(CrmUser user) {
        db.update(NOTIFICATION).set(N_READ, true).where(N_USER.eq(user.userId()).and(N_READ.isFalse())).execute();
    }

    // --- plumbing ---

    private String note(String type, String parentType, String parentId, String userId, @Nullable String post,
            Map<String, Object> data, List<String> attachments) {
        String id = Names.newId();
        long now = clock.millis();
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(ID, id);
        values.put(DELETED, false);
        values.put(TYPE, type);
        values.put(POST, post);
        values.put(DATA, Json.write(data));
        values.put(ATTACHMENTS, Json.write(attachments));
        values.put(PARENT_TYPE, parentType);
        values.put(PARENT_ID, parentId);
        values.put(CREATED_AT, now);
        values.put(field(name("modified_at"), Long.class), now);
        values.put(CREATED_BY, userId);
        values.put(field(name("modified_by_id"), String.class), userId);
        values.put(field(name("version_number"), Long.class), 1L);
        db.insertInto(NOTES).set(values).execute();
        attachments.forEach(attachment -> db.update(Attachments.ATTACHMENT).set(Attachments.PARENT_TYPE, NOTE)
                .set(Attachments.PARENT_ID, id)
                .where(Attachments.ID.eq(attachment).and(Attachments.PARENT_ID.isNull()).and(Attachments.CREATED_BY.eq(userId)))
                .execute());
        for (String follower : db.select(SUB_USER).from(SUBSCRIPTION).where(SUB_TYPE.eq(parentType), SUB_ID.eq(parentId))
                .fetch(SUB_USER)) {
            if (!follower.equals(userId)) {
                notify(follower, "Note", id, parentType, parentId);
            }
        }
        live.publish(Topic.of("record", parentType, parentId), "stream", Map.of("id", parentId, "noteId", id));
        return id;
    }

    private void notify(String userId, String type, String noteId, String relatedType, String relatedId) {
        String id = Names.newId();
        db.insertInto(NOTIFICATION).set(N_ID, id).set(N_USER, userId).set(N_TYPE, type).set(N_NOTE, noteId)
                .set(N_RELATED_TYPE, relatedType).set(N_RELATED_ID, relatedId).set(N_READ, false).set(N_AT, clock.millis())
                .execute();
        live.publish(Topic.of("notifications", userId), "notification", Map.of("id", id));
    }

    private void follow(String entityType, String id, String userId) {
        if (!follows(userId, entityType, id)) {
            db.insertInto(SUBSCRIPTION).set(SUB_TYPE, entityType).set(SUB_ID, id).set(SUB_USER, userId)
                    .set(SUB_AT, clock.millis()).execute();
        }
    }

    /** Refuses unless the user may read the record and see its stream (404, 403; 400 for an unknown entity). */
    void streamable(CrmUser user, String entityType, String id) {
        if (NOTE.equals(entityType)) {
            throw CrmApiException.invalid("parentType", "Notes have no stream of their own.");
        }
        records.read(user, entityType, id); // 404 for a record the user may not read, 400 for an unknown entity
        if (access.scope(user, entityType, Action.STREAM) == Scope.NO) {
            throw CrmApiException.forbidden("You may not see the stream of " + entityType + " records.");
        }
    }

    private boolean mayRead(UserAccount account, String entityType, String id) {
        CrmUser them = access.user(UsernamePasswordAuthenticationToken.authenticated(account.username(), null, List.of()));
        return records.canRead(them, entityType, id) && access.scope(them, entityType, Action.STREAM) != Scope.NO;
    }

    private Map<String, Object> noteJson(Record row) {
        return noteJson(row.get(ID), row.get(TYPE), row.get(POST), row.get(DATA), row.get(PARENT_TYPE), row.get(PARENT_ID),
                row.get(ATTACHMENTS), row.get(CREATED_BY), row.get(CREATED_AT));
    }

    private Map<String, Object> noteJson(String id, String type, @Nullable String post, @Nullable String data, String parentType,
            String parentId, @Nullable String attachments, @Nullable String createdBy, Long createdAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        json.put("post", post);
        json.put("data", data == null ? Map.of() : Json.readMap(data));
        json.put("parentType", parentType);
        json.put("parentId", parentId);
        json.put("attachmentsIds", attachments == null ? List.of() : Json.readList(attachments));
        json.put("createdById", createdBy);
        json.put("createdByName", createdBy == null ? null : names.name(createdBy).orElse(null));
        json.put("createdAt", RecordValues.formatDateTime(createdAt));
        return json;
    }

}
