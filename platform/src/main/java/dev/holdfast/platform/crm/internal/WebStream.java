package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.internal.WebRecords.RefusedException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stream and notifications as the CRM's pages ({@code crm.web}) see them: the same {@link Stream} calls as the
 * API (so access checks are the API's), refusals as {@link RefusedException}. Notes and notifications come in the
 * API's JSON shape (EspoCRM's names: {@code type}, {@code post}, {@code data}, {@code createdByName}, ...).
 */
@Service
public class WebStream {

    /** A page of a record's stream, newest first; {@code attachmentNames}: file names by attachment id. */
    public record StreamPage(List<Map<String, Object>> notes, boolean more, boolean following, Map<String, String> attachmentNames) {}

    /** A page of the user's notifications, newest first, and how many are unread. */
    public record NotificationPage(List<Map<String, Object>> list, long total, long unread) {}

    /** A file attached to a post. */
    public record Upload(String name, byte[] content) {}

    private final Stream stream;
    private final Attachments attachments;
    private final DSLContext db;

    WebStream(Stream stream, Attachments attachments, DSLContext db) {
        this.stream = stream;
        this.attachments = attachments;
        this.db = db;
    }

    /** The newest notes of the record's stream (404 when the user may not read it, 403 without a stream scope). */
    @Transactional(readOnly = true)
    public StreamPage stream(CrmUser user, String entityType, String id, int maxSize) {
        return refusing(() -> {
            Stream.Page page = stream.stream(user, entityType, id, maxSize, 0);
            List<String> files = new ArrayList<>();
            for (Map<String, Object> note : page.list()) {
                if (note.get("attachmentsIds") instanceof List<?> ids) {
                    ids.forEach(attachment -> files.add(String.valueOf(attachment)));
                }
            }
            Map<String, String> names = new LinkedHashMap<>();
            if (!files.isEmpty()) {
                db.select(Attachments.ID, Attachments.NAME).from(Attachments.ATTACHMENT).where(Attachments.ID.in(files))
                        .forEach(row -> names.put(row.value1(), row.value2()));
            }
            return new StreamPage(page.list(), page.total() > page.list().size(), stream.follows(user.userId(), entityType, id), names);
        });
    }

    /** Posts on the record's stream, with files; mentions ({@code @username}) notify those who may see the stream. */
    @Transactional
    public Map<String, Object> post(CrmUser user, String entityType, String id, String text, List<Upload> files) {
        return refusing(() -> {
            stream.streamable(user, entityType, id); // before storing files nobody could ever attach
            List<String> ids = new ArrayList<>();
            for (Upload file : files) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", file.name());
                body.put("file", "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(file.content()));
                ids.add(attachments.create(user, body).id());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "Post");
            body.put("parentType", entityType);
            body.put("parentId", id);
            body.put("post", text);
            body.put("attachmentsIds", ids);
            return stream.post(user, body);
        });
    }

    public void follow(CrmUser user, String entityType, String id, boolean follow) {
        refusing(() -> {
            if (follow) {
                stream.follow(user, entityType, id);
            } else {
                stream.unfollow(user, entityType, id);
            }
            return true;
        });
    }

    @Transactional(readOnly = true)
    public NotificationPage notifications(CrmUser user, int maxSize) {
        Stream.Page page = stream.notifications(user, maxSize, 0);
        return new NotificationPage(page.list(), page.total(), stream.notReadCount(user));
    }

    /** The newest notes on records whose stream the user may see, with {@code parentName}, newest first. */
    public List<Map<String, Object>> recent(CrmUser user, int maxSize) {
        return stream.recent(user, maxSize);
    }

    public long unread(CrmUser user) {
        return stream.notReadCount(user);
    }

    public void markAllRead(CrmUser user) {
        stream.markAllRead(user);
    }

    /** Marks one of the user's notifications read; false when they have none with that id. */
    public boolean markRead(CrmUser user, String id) {
        return stream.markRead(user, id);
    }

    private static <T> T refusing(Supplier<T> call) {
        try {
            return call.get();
        } catch (CrmApiException e) {
            throw new RefusedException(e);
        }
    }
}
