package dev.holdfast.platform.crm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.access.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.Tika;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * CRM attachments, EspoCRM's way: a file is uploaded whole (a data URI in the JSON body, up to one chunk's size) or
 * in chunks (created with {@code isBeingUploaded} and its size, then each piece posted as a data URI), kept in the
 * platform's object store, and referred to by id from a record's attachment field. The content type is sniffed from
 * the bytes (Apache Tika), not believed from the client. Who may download follows the record it belongs to: whoever
 * may read that record; before the record is saved, only the uploader.
 */
@Component
class Attachments {

    static final Table<Record> ATTACHMENT = table(name("crm_attachment"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> TYPE = field(name("type"), String.class);
    static final Field<Long> SIZE = field(name("size"), Long.class);
    static final Field<Long> RECEIVED = field(name("received"), Long.class);
    static final Field<Integer> CHUNKS = field(name("chunks"), Integer.class);
    static final Field<String> ROLE = field(name("role"), String.class);
    static final Field<String> RELATED_TYPE = field(name("related_type"), String.class);
    static final Field<String> FIELD = field(name("field"), String.class);
    static final Field<String> PARENT_TYPE = field(name("parent_type"), String.class);
    static final Field<String> PARENT_ID = field(name("parent_id"), String.class);
    static final Field<Boolean> COMPLETE = field(name("complete"), Boolean.class);
    static final Field<String> CREATED_BY = field(name("created_by_id"), String.class);
    static final Field<Long> CREATED_AT = field(name("created_at"), Long.class);

    private static final Pattern DATA_URI = Pattern.compile("^data:([^;,]*)(?:;[^,]*)?;base64,", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final Set<String> ROLES = Set.of("Attachment", "Inline Attachment");
    private static final int SNIFF_BYTES = 8192;
    /** Left unattached or unfinished this long, an upload is removed. */
    static final Duration ABANDONED = Duration.ofDays(1);

    private final DSLContext db;
    private final ObjectStore store;
    private final Records records;
    private final RecordAccess access;
    private final AttachmentSettings settings;
    private final Clock clock;

    Attachments(DSLContext db, ObjectStore store, Records records, RecordAccess access, AttachmentSettings settings, Clock clock) {
        this.db = db;
        this.store = store;
        this.records = records;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /** One attachment's metadata. */
    record Attachment(String id, String name, String type, long size, long received, int chunks, String role,
            @Nullable String relatedType, @Nullable String field, @Nullable String parentType, @Nullable String parentId,
            boolean complete, @Nullable String createdById, long createdAt) {

        /** As EspoCRM's API shows an attachment. */
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("type", type);
            json.put("size", size);
            json.put("role", role);
            json.put("relatedType", relatedType);
            json.put("field", field);
            json.put("parentType", parentType);
            json.put("parentId", parentId);
            json.put("isBeingUploaded", !complete);
            json.put("createdById", createdById);
            json.put("createdAt", RecordValues.formatDateTime(createdAt));
            return json;
        }
    }

    /** An attachment ready to be sent, and its content (the caller closes it). */
    record Download(Attachment attachment, InputStream content) {}

    @Transactional
    Attachment create(CrmUser user, Map<String, Object> body) {
        String fileName = text(body, "name", 255, true);
        String role = body.get("role") == null ? "Attachment" : text(body, "role", 32, true);
        if (!ROLES.contains(role)) {
            throw CrmApiException.invalid("role", "role is Attachment or Inline Attachment.");
        }
        String relatedType = optional(body, "relatedType", ENTITY);
        String fieldName = optional(body, "field", FIELD_NAME);
        String parentType = optional(body, "parentType", ENTITY);
        String parentId = optional(body, "parentId", Names.ID);
        if ((parentType == null) != (parentId == null)) {
            throw CrmApiException.invalid(parentType == null ? "parentType" : "parentId", "parentType and parentId go together.");
        }
        mayAttachTo(user, parentType != null ? parentType : relatedType, parentId);
        boolean chunked = Boolean.TRUE.equals(body.get("isBeingUploaded"));
        String id = Names.newId();
        long now = clock.millis();
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(ID, id);
        row.put(NAME, fileName);
        row.put(ROLE, role);
        row.put(RELATED_TYPE, relatedType);
        row.put(FIELD, fieldName);
        row.put(PARENT_TYPE, parentType);
        row.put(PARENT_ID, parentId);
        row.put(CREATED_BY, user.userId());
        row.put(CREATED_AT, now);
        row.put(CHUNKS, 0);
        if (chunked) {
            if (body.get("file") != null) {
                throw CrmApiException.invalid("file", "A chunked upload sends its content in chunks, not in file.");
            }
            long size = size(body);
            row.put(SIZE, size);
            row.put(RECEIVED, 0L);
            row.put(TYPE, "application/octet-stream");
            row.put(COMPLETE, false);
            db.insertInto(ATTACHMENT).set(row).execute();
            return toAttachment(db.selectFrom(ATTACHMENT).where(ID.eq(id)).fetchSingle());
        }
        if (!(body.get("file") instanceof String file)) {
            throw CrmApiException.invalid("file", "Send the content as a data URI in file, or isBeingUploaded with the size.");
        }
        byte[] bytes = decode("file", file);
        String key = key(id);
        store.put(key, Content.of(bytes));
        row.put(SIZE, (long) bytes.length);
        row.put(RECEIVED, (long) bytes.length);
        row.put(TYPE, sniff(bytes, fileName));
        row.put(COMPLETE, true);
        db.insertInto(ATTACHMENT).set(row).execute();
        return toAttachment(db.selectFrom(ATTACHMENT).where(ID.eq(id)).fetchSingle());
    }

    /**
     * Keeps a file the server made for the user (an export): only they (and administrators) may download it, and,
     * belonging to no record, it is removed with the abandoned uploads after {@link #ABANDONED}.
     *
     * @param type the content type the server wrote (not sniffed: it is our own file)
     */
    Attachment keep(CrmUser user, String fileName, String type, String role, Path file) {
        String id = Names.newId();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(key(id), Content.of(file));
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(ID, id);
        row.put(NAME, fileName);
        row.put(TYPE, type);
        row.put(SIZE, size);
        row.put(RECEIVED, size);
        row.put(CHUNKS, 0);
        row.put(ROLE, role);
        row.put(COMPLETE, true);
        row.put(CREATED_BY, user.userId());
        row.put(CREATED_AT, clock.millis());
        db.insertInto(ATTACHMENT).set(row).execute();
        return toAttachment(db.selectFrom(ATTACHMENT).where(ID.eq(id)).fetchSingle());
    }

    /** One more piece of a chunked upload; the last one completes it. */
    @Transactional
    Attachment appendChunk(CrmUser user, String id, String dataUri) {
        var select = db.selectFrom(ATTACHMENT).where(ID.eq(id));
        // chunks of one upload queue up behind each other (SQLite's transactions hold the write lock from the start)
        Record row = db.dialect().family() == SQLDialect.POSTGRES ? select.forUpdate().fetchOne() : select.fetchOne();
        if (row == null || !user.userId().equals(row.get(CREATED_BY))) {
            throw CrmApiException.notFound("Attachment");
        }
        if (row.get(COMPLETE)) {
            throw CrmApiException.conflict("This upload is complete already.", Map.of());
        }
        byte[] bytes = decode("body", dataUri);
        long received = row.get(RECEIVED) + bytes.length;
        if (bytes.length == 0 || received > row.get(SIZE)) {
            throw CrmApiException.invalid("body", "The chunk is empty or goes past the size announced ("
                    + row.get(SIZE) + " bytes, " + row.get(RECEIVED) + " received).");
        }
        int chunk = row.get(CHUNKS) + 1;
        store.put(chunkKey(id, chunk), Content.of(bytes));
        var update = db.update(ATTACHMENT).set(RECEIVED, received).set(CHUNKS, chunk);
        Attachment result;
        if (received == row.get(SIZE)) {
            store.put(key(id), Content.of(chunks(id, chunk), received));
            String type;
            try (InputStream head = store.get(key(id))) {
                type = sniff(head.readNBytes(SNIFF_BYTES), row.get(NAME));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            update.set(COMPLETE, true).set(TYPE, type).where(ID.eq(id)).execute();
            for (int n = 1; n <= chunk; n++) {
                store.delete(chunkKey(id, n));
            }
        } else {
            update.where(ID.eq(id)).execute();
        }
        result = toAttachment(db.selectFrom(ATTACHMENT).where(ID.eq(id)).fetchSingle());
        return result;
    }

    Attachment read(CrmUser user, String id) {
        return readable(user, id);
    }

    Download download(CrmUser user, String id) {
        Attachment attachment = readable(user, id);
        if (!attachment.complete()) {
            throw CrmApiException.conflict("This upload is not complete yet.", Map.of());
        }
        return new Download(attachment, store.get(key(id)));
    }

    /**
     * A record was saved referring to attachments (by id, in its attachment fields): those uploaded by the same user
     * and not yet attached now belong to it.
     */
    void attach(String entityType, String recordId, @Nullable String userId, Collection<String> ids) {
        if (userId == null || ids.isEmpty()) {
            return;
        }
        db.update(ATTACHMENT).set(PARENT_TYPE, entityType).set(PARENT_ID, recordId)
                .where(ID.in(ids).and(PARENT_ID.isNull()).and(CREATED_BY.eq(userId)))
                .execute();
    }

    /** Removes uploads left unfinished or never attached to a record. */
    int removeAbandoned() {
        long before = clock.millis() - ABANDONED.toMillis();
        int removed = 0;
        for (Record row : db.selectFrom(ATTACHMENT)
                .where(CREATED_AT.lt(before).and(COMPLETE.isFalse().or(PARENT_ID.isNull()))).limit(1000).fetch()) {
            String id = row.get(ID);
            for (int n = 1; n <= row.get(CHUNKS); n++) {
                store.delete(chunkKey(id, n));
            }
            store.delete(key(id));
            removed += db.deleteFrom(ATTACHMENT).where(ID.eq(id)).execute();
        }
        return removed;
    }

    private Attachment readable(CrmUser user, String id) {
        if (!Names.ID.matcher(id).matches()) {
            throw CrmApiException.notFound("Attachment");
        }
        Record row = db.selectFrom(ATTACHMENT).where(ID.eq(id)).fetchOne();
        if (row == null) {
            throw CrmApiException.notFound("Attachment");
        }
        Attachment attachment = toAttachment(row);
        if (attachment.parentType() != null && attachment.parentId() != null) {
            if (Stream.NOTE.equals(attachment.parentType()) && streamReadable(user, attachment.parentId())) {
                return attachment; // a post's file: whoever sees the stream it is in
            }
            if (!records.canRead(user, attachment.parentType(), attachment.parentId())) {
                throw CrmApiException.notFound("Attachment");
            }
            return attachment;
        }
        if (user.administrator() || user.userId().equals(attachment.createdById())) {
            return attachment;
        }
        throw CrmApiException.notFound("Attachment");
    }

    /** Whether the user may see the stream the note is in: read the record it is about, with a stream scope. */
    private boolean streamReadable(CrmUser user, String noteId) {
        Record note = db.select(field(name("parent_type"), String.class), field(name("parent_id"), String.class))
                .from(table(name(Names.table(Stream.NOTE)))).where(field(name("id"), String.class).eq(noteId)).fetchOne();
        if (note == null || note.get(0) == null || note.get(1) == null) {
            return false;
        }
        String type = note.get(0, String.class);
        return records.canRead(user, type, note.get(1, String.class)) && access.scope(user, type, Action.STREAM) != Scope.NO;
    }

    private void mayAttachTo(CrmUser user, @Nullable String entityType, @Nullable String recordId) {
        if (entityType == null) {
            return;
        }
        if (recordId != null) {
            records.read(user, entityType, recordId); // 404 for a record the user may not read
        }
        if (access.scope(user, entityType, Action.EDIT) == Scope.NO && access.scope(user, entityType, Action.CREATE) == Scope.NO) {
            throw CrmApiException.forbidden("You may not add attachments to " + entityType + " records.");
        }
    }

    private long size(Map<String, Object> body) {
        if (!(body.get("size") instanceof Number number) || number.longValue() < 1) {
            throw CrmApiException.invalid("size", "A chunked upload announces its size in bytes (at least 1).");
        }
        if (number.longValue() > settings.maxSize().toBytes()) {
            throw CrmApiException.invalid("size", "Files may be at most " + settings.maxSize().toMegabytes() + " MB.");
        }
        return number.longValue();
    }

    private byte[] decode(String field, String dataUri) {
        Matcher matcher = DATA_URI.matcher(dataUri);
        if (!matcher.find()) {
            throw CrmApiException.invalid(field, "The content must be a data URI: data:<type>;base64,<data>.");
        }
        String data = dataUri.substring(matcher.end()).strip();
        if ((long) data.length() * 3 / 4 > settings.maxChunk().toBytes() + 2) {
            throw CrmApiException.invalid(field, "At most " + settings.maxChunk().toKilobytes()
                    + " KB in one piece; send larger files in chunks (isBeingUploaded).");
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw CrmApiException.invalid(field, "The data URI is not valid base64.");
        }
    }

    private String sniff(byte[] head, String fileName) {
        return Sniffer.TIKA.detect(head.length > SNIFF_BYTES ? java.util.Arrays.copyOf(head, SNIFF_BYTES) : head, fileName);
    }

    private InputStream chunks(String id, int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            numbers.add(n);
        }
        var iterator = numbers.iterator();
        Enumeration<InputStream> lazy = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return iterator.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return store.get(chunkKey(id, iterator.next()));
            }
        };
        return new SequenceInputStream(lazy);
    }

    private static String text(Map<String, Object> body, String name, int max, boolean required) {
        Object value = body.get(name);
        if (!(value instanceof String text) || text.isBlank() || text.length() > max || text.contains("/") || text.contains("\\")
                || text.chars().anyMatch(Character::isISOControl)) {
            throw CrmApiException.invalid(name, name + " is required: 1 to " + max + " characters, no slashes or control characters.");
        }
        return text.strip();
    }

    private static @Nullable String optional(Map<String, Object> body, String name, Pattern pattern) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || !pattern.matcher(text).matches()) {
            throw CrmApiException.invalid(name, name + " is not valid.");
        }
        return text;
    }

    private static String key(String id) {
        return "crm/attachments/" + id;
    }

    private static String chunkKey(String id, int n) {
        // not under the attachment's own key: on a file system a file and a folder cannot share a name
        return "crm/attachment-chunks/" + id + "/" + String.format("%06d", n);
    }

    private static Attachment toAttachment(Record row) {
        return new Attachment(row.get(ID), row.get(NAME), row.get(TYPE), row.get(SIZE), row.get(RECEIVED), row.get(CHUNKS),
                row.get(ROLE), row.get(RELATED_TYPE), row.get(FIELD), row.get(PARENT_TYPE), row.get(PARENT_ID),
                Boolean.TRUE.equals(row.get(COMPLETE)), row.get(CREATED_BY), row.get(CREATED_AT));
    }

    static List<String> idsIn(@Nullable Object value) {
        if (!(value instanceof List<?> list)) {
            return Collections.emptyList();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast)
                .filter(id -> Names.ID.matcher(id).matches()).toList();
    }

    /**
     * Tika's media type registry, built when the first upload is sniffed rather than at start: it parses Tika's
     * XML type database (the XML parser's classes and about 1,700 types), which a node that never receives an
     * attachment need not hold.
     */
    private static final class Sniffer {
        static final Tika TIKA = new Tika();
    }
}
