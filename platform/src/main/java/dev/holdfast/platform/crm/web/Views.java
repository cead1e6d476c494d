package dev.holdfast.platform.crm.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the CRM's templates show; built by {@link CrmPages}. */
public final class Views {

    private Views() {}

    /**
     * The CRM's own navigation: dashboard, each entity type's list, kanban and search, and the notifications bell
     * ({@code unread} of the user's notifications; {@code userId} names the live topic it listens on).
     */
    public record Nav(List<Link> entities, String current, long unread, String userId) {}

    /** The bell: how many notifications are unread, refreshed live on {@code notifications/<userId>}. */
    public record Bell(long unread, String userId) {}

    public record Link(String label, String href) {}

    /** A shown value, a link when {@code href} is set. */
    public record Cell(String text, @Nullable String href) {

        static Cell of(@Nullable Object text) {
            return new Cell(text == null ? "" : text.toString(), null);
        }
    }

    /** A list column; {@code sort} is "asc" or "desc" when the list is ordered by it, else null. */
    public record Column(String label, @Nullable String sortHref, @Nullable String sort) {}

    public record Row(String href, String title, List<Cell> cells) {}

    public record Option(String value, String label, boolean selected) {}

    public record Filter(String name, String label, List<Option> options) {}

    public record ListPage(String entity, String label, Nav nav, List<Column> columns, List<Row> rows, String q,
            List<Filter> filters, boolean mine, boolean hasAssignedUser, @Nullable String previousHref,
            @Nullable String nextHref, boolean canCreate, String selfHref, @Nullable String error) {}

    public record Panel(String id, String label, String topic, String selfHref, List<Row> rows, @Nullable String addHref,
            boolean more) {}

    /** {@code stream} is null when the user may not see the record's stream. */
    public record DetailPage(String entity, String id, String title, Nav nav, List<Item> items, List<Panel> panels,
            boolean canEdit, boolean canDelete, String selfHref, @Nullable String notice, @Nullable StreamPanel stream) {}

    /** A piece of a post: plain text, or an {@code @username} mention. */
    public record Segment(String text, boolean mention) {}

    /** A field's change in an Update note. */
    public record Change(String field, String was, String became) {}

    /**
     * One stream entry. {@code kind}: EspoCRM's note type (Post, Create, Update, Assign, Status, Relate, Unrelate);
     * {@code summary}: what happened, after the author's name; {@code link}: a record it names (Relate, Unrelate).
     */
    public record StreamItem(String id, String kind, String author, String at, String summary, @Nullable Link link,
            List<Change> changes, List<Segment> post, List<Link> files) {}

    /**
     * A record's stream on its detail page: the newest entries, a form to post (with the text typed and the message
     * when a post was refused), follow or unfollow. {@code topic} is the record's live topic.
     */
    public record StreamPanel(String selfHref, String topic, List<StreamItem> items, boolean more, boolean following,
            @Nullable String error, String draft) {}

    /** One notification: the stream entry it is about, on which record. */
    public record NotificationItem(String id, boolean read, boolean mention, String at, StreamItem note, String recordTitle,
            String recordType, String recordId) {}

    public record NotificationsPage(Nav nav, List<NotificationItem> items, long unread, long total) {}

    public record Item(String label, Cell value) {}

    /**
     * One form control. {@code kind}: text, textarea, number, checkbox, select, multiselect, date, datetime-local,
     * email, tel, url; {@code search}: for a link's select, where a search box fetches other choices (sending the select
     * and the controls named by {@code include}, CSS selectors); {@code reload}: when this select changes, its value
     * fetches new choices for the select {@code f-<reloadTarget>} (a parent's type reloads the parent's records).
     */
    public record Control(String name, String label, String kind, String value, List<Option> options, boolean required,
            @Nullable Integer maxLength, @Nullable String step, @Nullable String search, @Nullable String include,
            @Nullable String reload, @Nullable String reloadTarget) {

        Control(String name, String label, String kind, String value, List<Option> options, boolean required,
                @Nullable Integer maxLength, @Nullable String step, @Nullable String search) {
            this(name, label, kind, value, options, required, maxLength, step, search, null, null, null);
        }
    }

    /** A field's controls (several for currency, person name, address) and its validation message. */
    public record Group(String field, String label, List<Control> controls, @Nullable String error) {

        public boolean single() {
            return controls.size() == 1;
        }
    }

    public record FormPage(String entity, @Nullable String id, String title, Nav nav, String action, List<Group> groups,
            @Nullable String error, @Nullable Long versionNumber, boolean offerDuplicate, String cancelHref) {}

    public record Card(String id, String name, String href, String amount, String account, String stage) {}

    public record Stage(String name, String total, List<Card> cards) {}

    public record KanbanPage(Nav nav, List<Stage> stages, List<String> stageNames, @Nullable String error) {}

    public record PipelineRow(String stage, String amount, long count) {}

    public record Recent(String entity, String title, String href, String modifiedAt, String modifiedBy) {}

    /** {@code stream}: the newest stream entries on records the user may see. */
    public record DashboardPage(Nav nav, List<Row> tasks, List<PipelineRow> pipeline, List<Recent> recent,
            List<String> topics, List<RecentNote> stream) {}

    /** A stream entry on the dashboard, with the record it is on. */
    public record RecentNote(StreamItem note, String title, String href) {}

    public record SearchGroup(String entity, String label, List<Row> rows) {}

    public record SearchPage(Nav nav, String q, List<SearchGroup> groups, @Nullable String error) {}
}
