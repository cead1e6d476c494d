package dev.holdfast.platform.crm.web;

import dev.holdfast.platform.crm.web.Views.Change;
import dev.holdfast.platform.crm.web.Views.Link;
import dev.holdfast.platform.crm.web.Views.NotificationItem;
import dev.holdfast.platform.crm.web.Views.Segment;
import dev.holdfast.platform.crm.web.Views.StreamItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns the stream's notes (the API's JSON) into what the templates show: who did what, in words. */
final class StreamViews {

    /** The stream's own mention pattern ({@code crm.internal.Stream}). */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9._-]{1,100})");

    private StreamViews() {}

    static StreamItem item(String entityType, Map<String, Object> note, Map<String, String> fileNames) {
        String kind = text(note.get("type"));
        Map<?, ?> data = note.get("data") instanceof Map<?, ?> map ? map : Map.of();
        String author = note.get("createdByName") == null ? "Someone" : text(note.get("createdByName"));
        String thing = "this " + entityType;
        List<Change> changes = new ArrayList<>();
        Link link = null;
        String summary = switch (kind) {
            case "Create" -> data.get("assignedUserName") != null ? "created " + thing + " and assigned it to " + text(data.get("assignedUserName"))
                    : "created " + thing;
            case "Assign" -> "assigned " + thing + " to " + text(data.get("assignedUserName"));
            case "Status" -> "set " + Fields.label(text(data.get("field"))) + " to " + text(data.get("value"));
            case "Update" -> {
                if (data.get("attributes") instanceof Map<?, ?> attributes && attributes.get("became") instanceof Map<?, ?> became) {
                    Map<?, ?> was = attributes.get("was") instanceof Map<?, ?> w ? w : Map.of();
                    became.forEach((attribute, value) -> changes.add(new Change(Fields.label(text(attribute)), shown(was.get(attribute)),
                            shown(value))));
                }
                yield "changed " + thing;
            }
            case "Relate", "Unrelate" -> {
                String type = text(data.get("relatedType"));
                link = new Link("a " + type, "/crm/" + type + "/" + text(data.get("relatedId")));
                yield kind.equals("Relate") ? "linked " + thing + " with" : "unlinked " + thing + " from";
            }
            case "Post" -> "wrote";
            default -> kind;
        };
        List<Link> files = new ArrayList<>();
        if (note.get("attachmentsIds") instanceof List<?> ids) {
            ids.forEach(id -> files.add(new Link(fileNames.getOrDefault(text(id), "attachment"), "/api/v1/Attachment/file/" + text(id))));
        }
        return new StreamItem(text(note.get("id")), kind, author, text(note.get("createdAt")) + " UTC", summary, link, changes,
                segments(note.get("post") == null ? "" : text(note.get("post"))), files);
    }

    static NotificationItem notification(Map<String, Object> notification) {
        String type = text(notification.get("relatedType"));
        String id = text(notification.get("relatedId"));
        Object name = notification.get("relatedName");
        Map<String, Object> note = notification.get("noteData") instanceof Map<?, ?> map ? cast(map) : Map.of("type", "Note", "id", "");
        return new NotificationItem(text(notification.get("id")), Boolean.TRUE.equals(notification.get("read")),
                "MentionInPost".equals(notification.get("type")), text(notification.get("createdAt")) + " UTC",
                item(type, note, Map.of()), name == null ? type : name.toString(), type, id);
    }

    /** A post cut into text and {@code @username} mentions (shown marked; the text itself is escaped by the template). */
    static List<Segment> segments(String post) {
        List<Segment> segments = new ArrayList<>();
        Matcher matcher = MENTION.matcher(post);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                segments.add(new Segment(post.substring(at, matcher.start()), false));
            }
            segments.add(new Segment(matcher.group(), true));
            at = matcher.end();
        }
        if (at < post.length()) {
            segments.add(new Segment(post.substring(at), false));
        }
        return segments;
    }

    private static String shown(@Nullable Object value) {
        return value == null || value.toString().isEmpty() ? "(empty)" : value.toString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
