package dev.holdfast.platform.crm.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the CRM's templates show; built by {@link CrmPages}. */
public final class Views {

    private Views() {}

    /** The CRM's own navigation: dashboard, each entity type's list, kanban and search. */
    public record Nav(List<Link> entities, String current) {}

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

    public record DetailPage(String entity, String id, String title, Nav nav, List<Item> items, List<Panel> panels,
            boolean canEdit, boolean canDelete, String selfHref, @Nullable String notice) {}

    public record Item(String label, Cell value) {}

    /**
     * One form control. {@code kind}: text, textarea, number, checkbox, select, multiselect, date, datetime-local,
     * email, tel, url; {@code search}: for a link's select, where a search box fetches other choices.
     */
    public record Control(String name, String label, String kind, String value, List<Option> options, boolean required,
            @Nullable Integer maxLength, @Nullable String step, @Nullable String search) {}

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

    public record DashboardPage(Nav nav, List<Row> tasks, List<PipelineRow> pipeline, List<Recent> recent,
            List<String> topics) {}

    public record SearchGroup(String entity, String label, List<Row> rows) {}

    public record SearchPage(Nav nav, String q, List<SearchGroup> groups, @Nullable String error) {}
}
