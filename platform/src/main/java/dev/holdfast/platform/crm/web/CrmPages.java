package dev.holdfast.platform.crm.web;

import dev.holdfast.platform.crm.access.Action;
import dev.holdfast.platform.crm.access.CrmTeams;
import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.internal.WebRecords;
import dev.holdfast.platform.crm.internal.WebRecords.EntityInfo;
import dev.holdfast.platform.crm.internal.WebRecords.FieldInfo;
import dev.holdfast.platform.crm.internal.WebRecords.LinkInfo;
import dev.holdfast.platform.crm.internal.WebRecords.PageInfo;
import dev.holdfast.platform.crm.internal.WebRecords.RefusedException;
import dev.holdfast.platform.crm.internal.WebStream;
import dev.holdfast.platform.crm.web.Views.Card;
import dev.holdfast.platform.crm.web.Views.Cell;
import dev.holdfast.platform.crm.web.Views.Column;
import dev.holdfast.platform.crm.web.Views.DashboardPage;
import dev.holdfast.platform.crm.web.Views.DetailPage;
import dev.holdfast.platform.crm.web.Views.Filter;
import dev.holdfast.platform.crm.web.Views.FormPage;
import dev.holdfast.platform.crm.web.Views.Group;
import dev.holdfast.platform.crm.web.Views.Item;
import dev.holdfast.platform.crm.web.Views.KanbanPage;
import dev.holdfast.platform.crm.web.Views.Link;
import dev.holdfast.platform.crm.web.Views.ListPage;
import dev.holdfast.platform.crm.web.Views.Nav;
import dev.holdfast.platform.crm.web.Views.Option;
import dev.holdfast.platform.crm.web.Views.Panel;
import dev.holdfast.platform.crm.web.Views.PipelineRow;
import dev.holdfast.platform.crm.web.Views.Recent;
import dev.holdfast.platform.crm.web.Views.RecentNote;
import dev.holdfast.platform.crm.web.Views.Row;
import dev.holdfast.platform.crm.web.Views.SearchGroup;
import dev.holdfast.platform.crm.web.Views.SearchPage;
import dev.holdfast.platform.crm.web.Views.Stage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CRM's pages on {@link WebRecords}: every read and change goes through the record store, so access control,
 * metadata and validation are the API's. Post-redirect-get; a refused change shows the form again with the store's
 * message next to the field it names. Live parts of a page carry {@code data-live-topic} and re-fetch themselves
 * (the page, with {@code hx-select}) on {@code live-update}.
 */
@Controller
@RequestMapping("/crm")
class CrmPages {

    static final int PAGE_SIZE = 20;
    private static final Pattern ENTITY = PathNames.ENTITY;
    private static final Pattern ID = PathNames.ID;
    private static final List<String> SEARCHED = List.of("Account", "Contact", "Lead", "Opportunity");
    private static final List<String> RECENT = List.of("Account", "Contact", "Lead", "Opportunity", "Case", "Task");
    private static final Set<String> HIDDEN = Set.of("Note");
    private static final List<String> CLOSED_TASK = List.of("Completed", "Canceled", "Deferred");

    private final WebRecords records;
    private final WebStream stream;
    private final CrmTeams teams;

    CrmPages(WebRecords records, WebStream stream, CrmTeams teams) {
        this.records = records;
        this.stream = stream;
        this.teams = teams;
    }

    // --- dashboard, search, navigation ---

    @GetMapping
    String dashboard(Authentication who, Model model) {
        CrmUser user = records.user(who);
        List<Row> tasks = List.of();
        EntityInfo task = records.entity("Task").orElse(null);
        if (task != null && records.may(user, "Task", Action.READ)) {
            Map<String, String[]> where = new LinkedHashMap<>();
            where.put("where[0][type]", new String[] {"equals"});
            where.put("where[0][attribute]", new String[] {"assignedUserId"});
            where.put("where[0][value]", new String[] {user.userId()});
            where.put("where[1][type]", new String[] {"notIn"});
            where.put("where[1][attribute]", new String[] {"status"});
            where.put("where[1][value][]", CLOSED_TASK.toArray(String[]::new));
            PageInfo page = records.list(user, "Task", 10, 0, "dateEnd", false, null, where);
            tasks = rows(task, page.list(), columnFields(task, List.of("status", "priority", "dateEnd", "parent")));
        }
        List<PipelineRow> pipeline = new ArrayList<>();
        EntityInfo opportunity = records.entity("Opportunity").orElse(null);
        if (opportunity != null && records.may(user, "Opportunity", Action.READ)) {
            List<String> stages = opportunity.field("stage").map(FieldInfo::options).orElse(List.of());
            var sums = records.sums(user, "Opportunity", "stage", "amount");
            for (String stage : stages) {
                var here = sums.stream().filter(s -> stage.equals(s.group())).toList();
                String amount = String.join(" + ", here.stream().map(s -> Fields.money(s.total(), s.currency())).toList());
                pipeline.add(new PipelineRow(stage, amount.isEmpty() ? "0.00" : amount, here.stream().mapToLong(WebRecords.Sum::count).sum()));
            }
        }
        List<Recent> recent = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (String type : RECENT) {
            EntityInfo entity = records.entity(type).orElse(null);
            if (entity == null || !records.may(user, type, Action.READ)) {
                continue;
            }
            topics.add("record/" + type);
            for (Map<String, Object> record : records.list(user, type, 5, 0, "modifiedAt", true, null, Map.of()).list()) {
                recent.add(new Recent(type, Fields.title(entity, record), "/crm/" + type + "/" + record.get("id"),
                        String.valueOf(record.get("modifiedAt")), String.valueOf(record.getOrDefault("modifiedByName", ""))));
            }
        }
        recent.sort(Comparator.comparing(Recent::modifiedAt).reversed());
        List<RecentNote> notes = stream.recent(user, 10).stream().map(note -> new RecentNote(
                StreamViews.item(String.valueOf(note.get("parentType")), note, Map.of()),
                note.get("parentName") == null ? String.valueOf(note.get("parentType")) : note.get("parentName").toString(),
                "/crm/" + note.get("parentType") + "/" + note.get("parentId"))).toList();
        model.addAttribute("page", new DashboardPage(nav(user, "dashboard"), tasks, pipeline,
                recent.subList(0, Math.min(10, recent.size())), topics, notes));
        return "crm/dashboard";
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, Authentication who, Model model) {
        CrmUser user = records.user(who);
        String query = q.strip();
        List<SearchGroup> groups = new ArrayList<>();
        String error = null;
        if (query.length() > 100) {
            error = "Search for at most 100 characters.";
        } else if (!query.isEmpty()) {
            for (String type : SEARCHED) {
                EntityInfo entity = records.entity(type).orElse(null);
                if (entity == null || !entity.named() || !records.may(user, type, Action.READ)) {
                    continue;
                }
                PageInfo page = records.list(user, type, 10, 0, "name", false, query, Map.of());
                groups.add(new SearchGroup(type, Fields.plural(type), rows(entity, page.list(), columnFields(entity, List.of()))));
            }
        }
        model.addAttribute("page", new SearchPage(nav(user, "search"), query, groups, error));
        return "crm/search";
    }

    private Nav nav(CrmUser user, String current) {
        return nav(records, stream, user, current);
    }

    /** The CRM navigation with the user's readable entity types and the bell's unread count. */
    static Nav nav(WebRecords records, WebStream stream, CrmUser user, String current) {
        List<Link> links = new ArrayList<>();
        for (EntityInfo entity : records.entities()) {
            if (!HIDDEN.contains(entity.name()) && records.may(user, entity.name(), Action.READ)) {
                links.add(new Link(Fields.plural(entity.name()), "/crm/" + entity.name()));
            }
        }
        return new Nav(links, current, stream.unread(user), user.userId());
    }

    // --- lists ---

    @GetMapping("/{entityType}")
    String list(@PathVariable String entityType, @RequestParam MultiValueMap<String, String> parameters, Authentication who,
            Model model) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        String q = parameters.getOrDefault("q", List.of("")).getFirst().strip();
        String orderBy = parameters.getFirst("orderBy");
        boolean descending = orderBy == null || "desc".equals(parameters.getFirst("order"));
        int offset = 0;
        try {
            offset = Math.max(0, Math.min(10_000_000, Integer.parseInt(parameters.getOrDefault("offset", List.of("0")).getFirst())));
        } catch (NumberFormatException ignored) {
            // the first page
        }
        boolean mine = entity.assignedUser() && "1".equals(parameters.getFirst("mine"));
        List<FieldInfo> shown = columnFields(entity, List.of());
        List<FieldInfo> enums = entity.fields().stream().filter(f -> f.type().equals("enum") && !f.system()).limit(3).toList();

        Map<String, String[]> where = new LinkedHashMap<>();
        int i = 0;
        String nameContains = q.isEmpty() || !entity.named() ? null : q.length() > 100 ? q.substring(0, 100) : q;
        List<Filter> filters = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            query.put("q", q);
        }
        for (FieldInfo field : enums) {
            String selected = parameters.getFirst(field.name());
            boolean valid = selected != null && field.options().contains(selected) && !selected.isEmpty();
            if (valid) {
                put(where, i++, "equals", field.name(), selected);
                query.put(field.name(), selected);
            }
            List<Option> options = new ArrayList<>();
            options.add(new Option("", "Any", !valid));
            field.options().stream().filter(o -> !o.isEmpty()).forEach(o -> options.add(new Option(o, o, o.equals(selected))));
            filters.add(new Filter(field.name(), Fields.label(field.name()), options));
        }
        if (mine) {
            put(where, i, "equals", "assignedUserId", user.userId());
            query.put("mine", "1");
        }
        String base = "/crm/" + entity.name();
        Map<String, String> ordering = new LinkedHashMap<>();
        if (orderBy != null) {
            ordering.put("orderBy", orderBy);
            ordering.put("order", descending ? "desc" : "asc");
        }
        String error = null;
        PageInfo page;
        try {
            page = records.list(user, entity.name(), PAGE_SIZE, offset, orderBy, descending, nameContains, where);
        } catch (RefusedException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            error = e.getMessage();
            page = new PageInfo(List.of(), false);
        }
        List<Column> columns = new ArrayList<>();
        for (FieldInfo field : shown) {
            boolean sortable = !field.type().equals("link");
            String sortKey = field.name();
            String state = sortKey.equals(orderBy) ? (descending ? "desc" : "asc") : null;
            Map<String, String> sort = new LinkedHashMap<>(query);
            sort.put("orderBy", sortKey);
            sort.put("order", "asc".equals(state) ? "desc" : "asc");
            columns.add(new Column(Fields.label(field.name()), sortable ? href(base, sort) : null, state));
        }
        Map<String, String> here = new LinkedHashMap<>(query);
        here.putAll(ordering);
        Map<String, String> next = new LinkedHashMap<>(here);
        next.put("offset", String.valueOf(offset + PAGE_SIZE));
        Map<String, String> previous = new LinkedHashMap<>(here);
        if (offset - PAGE_SIZE > 0) {
            previous.put("offset", String.valueOf(offset - PAGE_SIZE));
        }
        Map<String, String> self = new LinkedHashMap<>(here);
        if (offset > 0) {
            self.put("offset", String.valueOf(offset));
        }
        model.addAttribute("page", new ListPage(entity.name(), Fields.plural(entity.name()), nav(user, entity.name()), columns,
                rows(entity, page.list(), shown), q, filters, mine, entity.assignedUser(),
                offset > 0 ? href(base, previous) : null, page.more() ? href(base, next) : null,
                records.may(user, entity.name(), Action.CREATE), href(base, self), error));
        return "crm/list";
    }

    private static void put(Map<String, String[]> where, int i, String type, String attribute, String value) {
        where.put("where[" + i + "][type]", new String[] {type});
        where.put("where[" + i + "][attribute]", new String[] {attribute});
        where.put("where[" + i + "][value]", new String[] {value});
    }

    /** The list columns: the name, the first few list-friendly own fields (or those asked for), the assigned user. */
    private static List<FieldInfo> columnFields(EntityInfo entity, List<String> wanted) {
        List<FieldInfo> columns = new ArrayList<>();
        entity.field("name").ifPresent(columns::add);
        if (!wanted.isEmpty()) {
            wanted.forEach(name -> entity.field(name).ifPresent(columns::add));
            return columns;
        }
        entity.fields().stream().filter(f -> !f.system() && !f.name().equals("name") && Fields.COLUMN_TYPES.contains(f.type()))
                .limit(4).forEach(columns::add);
        entity.field("assignedUser").ifPresent(columns::add);
        entity.field("createdAt").ifPresent(columns::add);
        return columns;
    }

    private static List<Row> rows(EntityInfo entity, List<Map<String, Object>> records, List<FieldInfo> fields) {
        return records.stream().map(record -> new Row("/crm/" + entity.name() + "/" + record.get("id"), Fields.title(entity, record),
                fields.stream().map(f -> Fields.cell(f, record)).toList())).toList();
    }

    private static String href(String base, Map<String, String> query) {
        if (query.isEmpty()) {
            return base;
        }
        StringBuilder href = new StringBuilder(base).append('?');
        query.forEach((k, v) -> href.append(href.charAt(href.length() - 1) == '?' ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return href.toString();
    }

    /**
     * A link select's choices for a search box: records of the type whose name contains {@code q}, keeping the choice
     * the select has now (sent along as its own parameter, e.g. {@code accountId}).
     */
    @GetMapping("/{entityType}/options")
    String options(@PathVariable String entityType, @RequestParam MultiValueMap<String, String> parameters, Authentication who,
            Model model) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        String q = parameters.getOrDefault("q", List.of("")).getFirst().strip();
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("", "(none)");
        String kept = parameters.entrySet().stream().filter(e -> !e.getKey().equals("q"))
                .flatMap(e -> e.getValue().stream()).filter(v -> ID.matcher(v).matches()).findFirst().orElse(null);
        if (kept != null) {
            try {
                choices.put(kept, Fields.title(entity, records.read(user, entity.name(), kept)));
            } catch (RefusedException gone) {
                kept = null;
            }
        }
        if (entity.named()) {
            for (Map<String, Object> choice : records.list(user, entity.name(), 50, 0, "name", false,
                    q.length() > 100 ? q.substring(0, 100) : q, Map.of()).list()) {
                choices.put(String.valueOf(choice.get("id")), String.valueOf(choice.get("name")));
            }
        }
        String selected = kept == null ? "" : kept;
        model.addAttribute("options", choices.entrySet().stream()
                .map(c -> new Option(c.getKey(), c.getValue(), c.getKey().equals(selected))).toList());
        return "crm/options";
    }

    // --- kanban (before /{entityType}/{id}) ---

    @GetMapping("/Opportunity/kanban")
    String kanban(Authentication who, Model model) {
        CrmUser user = records.user(who);
        EntityInfo entity = entity("Opportunity");
        List<String> stageNames = entity.field("stage").map(FieldInfo::options).orElse(List.of());
        Map<String, List<Card>> byStage = new LinkedHashMap<>();
        stageNames.forEach(stage -> byStage.put(stage, new ArrayList<>()));
        Map<String, String[]> where = new LinkedHashMap<>();
        for (String stage : stageNames) {
            where.clear();
            put(where, 0, "equals", "stage", stage);
            for (Map<String, Object> record : records.list(user, "Opportunity", 50, 0, "closeDate", false, null, where).list()) {
                byStage.get(stage).add(new Card(String.valueOf(record.get("id")), Fields.title(entity, record),
                        "/crm/Opportunity/" + record.get("id"), Fields.money(record.get("amount"), record.get("amountCurrency")),
                        record.get("accountName") == null ? "" : record.get("accountName").toString(), stage));
            }
        }
        var sums = records.sums(user, "Opportunity", "stage", "amount");
        List<Stage> stages = new ArrayList<>();
        byStage.forEach((stage, cards) -> stages.add(new Stage(stage, String.join(" + ", sums.stream()
                .filter(s -> stage.equals(s.group())).map(s -> Fields.money(s.total(), s.currency())).toList()), cards)));
        model.addAttribute("page", new KanbanPage(nav(user, "kanban"), stages, stageNames, (String) model.getAttribute("error")));
        return "crm/kanban";
    }

    /** Moves an opportunity to a stage: from the kanban's script (X-Holdfast-Fetch: 204 or the refusal's text) or its form. */
    @PostMapping("/Opportunity/{id}/stage")
    Object move(@PathVariable String id, @RequestParam(defaultValue = "") String stage, Authentication who,
            @RequestHeader(name = "X-Holdfast-Fetch", required = false) @Nullable String fetch, RedirectAttributes flash) {
        try {
            records.update(records.user(who), "Opportunity", id(id), Map.of("stage", stage));
        } catch (RefusedException e) {
            if (fetch != null) {
                return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(e.getMessage());
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return fetch != null ? ResponseEntity.noContent().build() : "redirect:/crm/Opportunity/kanban";
    }

    // --- detail ---

    @GetMapping("/{entityType}/{id}")
    String detail(@PathVariable String entityType, @PathVariable String id, Authentication who, Model model,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        Map<String, Object> record;
        try {
            record = records.read(user, entity.name(), id(id));
        } catch (RefusedException e) {
            if (htmx == null || e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            // an open page refreshing after a live update: the record was deleted (or is no longer visible)
            model.addAttribute("entity", entity.name());
            return "crm/gone";
        }
        List<Item> items = new ArrayList<>();
        for (FieldInfo field : entity.fields()) {
            if (field.attributes().stream().anyMatch(record::containsKey) && !field.type().equals("jsonArray")) {
                items.add(new Item(Fields.label(field.name()), Fields.cell(field, record)));
            }
        }
        List<Panel> panels = new ArrayList<>();
        for (LinkInfo link : entity.links()) {
            if (!Set.of("hasMany", "manyMany", "hasChildren").contains(link.kind()) || link.entity() == null
                    || "Team".equals(link.entity()) || "User".equals(link.entity()) || HIDDEN.contains(link.entity())) {
                continue;
            }
            EntityInfo foreign = records.entity(link.entity()).orElse(null);
            if (foreign == null || !records.may(user, foreign.name(), Action.READ)) {
                continue;
            }
            PageInfo related = records.related(user, entity.name(), id, link.name(), 10);
            String add = null;
            if (link.kind().equals("hasMany") && records.may(user, foreign.name(), Action.CREATE)) {
                String back = foreign.links().stream().filter(l -> l.kind().equals("belongsTo") && entity.name().equals(l.entity()))
                        .map(LinkInfo::name).findFirst().orElse(null);
                add = back == null ? null : "/crm/" + foreign.name() + "/new?" + back + "Id=" + id;
            }
            panels.add(new Panel("panel-" + link.name(), Fields.label(link.name()), "record/" + foreign.name(),
                    "/crm/" + entity.name() + "/" + id, rows(foreign, related.list(), columnFields(foreign, List.of())).stream()
                    .map(r -> new Row(r.href(), r.title(), List.of())).toList(), add, related.more()));
        }
        model.addAttribute("page", new DetailPage(entity.name(), id, Fields.title(entity, record), nav(user, entity.name()), items, panels,
                records.may(user, entity.name(), Action.EDIT), records.may(user, entity.name(), Action.DELETE),
                "/crm/" + entity.name() + "/" + id, (String) model.getAttribute("notice"),
                StreamPages.panel(stream, user, entity.name(), id, (String) model.getAttribute("streamError"),
                        (String) model.getAttribute("streamDraft"))));
        return "crm/detail";
    }

    @PostMapping("/{entityType}/{id}/delete")
    String delete(@PathVariable String entityType, @PathVariable String id, Authentication who, RedirectAttributes flash) {
        EntityInfo entity = entity(entityType);
        try {
            records.delete(records.user(who), entity.name(), id(id));
        } catch (RefusedException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        return "redirect:/crm/" + entity.name();
    }

    // --- forms ---

    @GetMapping("/{entityType}/new")
    String create(@PathVariable String entityType, @RequestParam MultiValueMap<String, String> parameters, Authentication who,
            Model model) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        if (!records.may(user, entity.name(), Action.CREATE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "You may not create " + entity.name() + " records.");
        }
        Map<String, String> values = Fields.submitted(entity, parameters);
        if (entity.assignedUser()) {
            values.putIfAbsent("assignedUserId", user.userId());
        }
        model.addAttribute("page", form(user, entity, null, values, Map.of(), null, null, false));
        return "crm/form";
    }

    @PostMapping("/{entityType}")
    String created(@PathVariable String entityType, @RequestParam MultiValueMap<String, String> form, Authentication who,
            Model model, HttpServletResponse response, RedirectAttributes flash) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        try {
            Map<String, Object> body = Fields.body(entity, form, f -> records.mayEdit(user, entity.name(), f.name()));
            Map<String, Object> record = records.create(user, entity.name(), body, form.containsKey("_createAnyway"));
            flash.addFlashAttribute("notice", entity.name() + " created.");
            return "redirect:/crm/" + entity.name() + "/" + record.get("id");
        } catch (RefusedException e) {
            return refused(e, user, entity, null, form, null, model, response);
        }
    }

    @GetMapping("/{entityType}/{id}/edit")
    String edit(@PathVariable String entityType, @PathVariable String id, Authentication who, Model model) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        Map<String, Object> record = read(user, entity, id(id));
        Long version = record.get("versionNumber") instanceof Number n ? n.longValue() : null;
        model.addAttribute("page", form(user, entity, record, Fields.formValues(entity, record), Map.of(), null, version, false));
        return "crm/form";
    }

    @PostMapping("/{entityType}/{id}")
    String edited(@PathVariable String entityType, @PathVariable String id, @RequestParam MultiValueMap<String, String> form,
            Authentication who, Model model, HttpServletResponse response, RedirectAttributes flash) {
        EntityInfo entity = entity(entityType);
        CrmUser user = records.user(who);
        Map<String, Object> record = read(user, entity, id(id));
        Map<String, Object> body = Fields.body(entity, form, f -> records.mayEdit(user, entity.name(), f.name()));
        Long version = null;
        try {
            version = Long.parseLong(form.getOrDefault("versionNumber", List.of("")).getFirst());
            body.put("versionNumber", version);
        } catch (NumberFormatException ignored) {
            // an edit without a version overwrites, as the API allows
        }
        try {
            records.update(user, entity.name(), id, body);
            flash.addFlashAttribute("notice", entity.name() + " saved.");
            return "redirect:/crm/" + entity.name() + "/" + id;
        } catch (RefusedException e) {
            return refused(e, user, entity, record, form, version, model, response);
        }
    }

    private String refused(RefusedException e, CrmUser user, EntityInfo entity, @Nullable Map<String, Object> record,
            MultiValueMap<String, String> form, @Nullable Long version, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String message = null;
        boolean duplicate = false;
        Long shownVersion = version;
        if (e.status() == HttpStatus.BAD_REQUEST && Fields.fieldOf(entity, e.field()) != null) {
            errors.put(Fields.fieldOf(entity, e.field()), e.getMessage());
            message = "Please correct the marked field.";
        } else if (e.status() == HttpStatus.CONFLICT && "modified".equals(e.extra().get("reason"))) {
            message = "Someone else changed this " + entity.name() + " since you opened it. Your changes are below, not saved; "
                    + "open the record in a new tab to see theirs, or save again to overwrite them.";
            shownVersion = e.extra().get("versionNumber") instanceof Number n ? n.longValue() : null;
        } else if (e.status() == HttpStatus.CONFLICT && "Duplicate".equals(e.extra().get("reason"))) {
            message = e.getMessage().replace("send X-Skip-Duplicate-Check: true to create it anyway", "tick \"Create anyway\" to create it");
            duplicate = true;
        } else if (e.status() == HttpStatus.BAD_REQUEST) {
            message = e.getMessage();
        } else {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        response.setStatus(e.status().value());
        model.addAttribute("page", form(user, entity, record, Fields.submitted(entity, form), errors, message, shownVersion, duplicate));
        return "crm/form";
    }

    private FormPage form(CrmUser user, EntityInfo entity, @Nullable Map<String, Object> record, Map<String, String> values,
            Map<String, String> errors, @Nullable String message, @Nullable Long version, boolean duplicate) {
        List<Group> groups = new ArrayList<>();
        for (FieldInfo field : entity.fields()) {
            if (!Fields.editable(field) || !records.mayEdit(user, entity.name(), field.name())) {
                continue;
            }
            List<Option> linkOptions = switch (field.type()) {
                case "link" -> linkOptions(user, field, values, record);
                case "linkParent" -> parentOptions(user, values.getOrDefault(field.name() + "Type", ""),
                        values.getOrDefault(field.name() + "Id", ""), record == null ? null : record.get(field.name() + "Name"), "");
                case "linkMultiple" -> teamOptions(user, values.getOrDefault(field.name() + "Ids", ""));
                default -> List.of();
            };
            List<Option> parentTypes = !field.type().equals("linkParent") ? List.of() : entity.link(field.name())
                    .map(LinkInfo::entityList).orElse(List.of()).stream()
                    .filter(type -> records.entity(type).isPresent() && records.may(user, type, Action.READ))
                    .map(type -> new Option(type, type, type.equals(values.get(field.name() + "Type")))).toList();
            groups.add(new Group(field.name(), Fields.label(field.name()), Fields.controls(field, values, linkOptions, parentTypes),
                    errors.get(field.name())));
        }
        String id = record == null ? null : String.valueOf(record.get("id"));
        String title = record == null ? "New " + entity.name() : "Edit " + Fields.title(entity, record);
        return new FormPage(entity.name(), id, title, nav(user, entity.name()),
                id == null ? "/crm/" + entity.name() : "/crm/" + entity.name() + "/" + id, groups, message, version, duplicate,
                id == null ? "/crm/" + entity.name() : "/crm/" + entity.name() + "/" + id);
    }

    /** A link field's choices: none, the current one, and (for record links) the first records of the target by name. */
    private List<Option> linkOptions(CrmUser user, FieldInfo field, Map<String, String> values, @Nullable Map<String, Object> record) {
        String selected = values.getOrDefault(field.name() + "Id", "");
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("", "(none)");
        if (!selected.isEmpty()) {
            Object name = record == null ? null : record.get(field.name() + "Name");
            choices.put(selected, name == null ? selected : name.toString());
        }
        String target = field.target();
        if ("User".equals(target)) {
            choices.put(user.userId(), user.displayName() + " (me)");
        } else if (target != null && records.entity(target).map(EntityInfo::named).orElse(false) && records.may(user, target, Action.READ)) {
            for (Map<String, Object> choice : records.list(user, target, 200, 0, "name", false, null, Map.of()).list()) {
                choices.put(String.valueOf(choice.get("id")), String.valueOf(choice.get("name")));
            }
        }
        return choices.entrySet().stream().map(c -> new Option(c.getKey(), c.getValue(), c.getKey().equals(selected))).toList();
    }

    /**
     * A parent link's record choices for its search box and its type select: records of {@code parentType} whose name
     * contains {@code q}, keeping the current choice when it is of that type.
     */
    @GetMapping("/parent-options")
    String parentOptions(@RequestParam(defaultValue = "") String parentType, @RequestParam(defaultValue = "") String parentId,
            @RequestParam(defaultValue = "") String q, Authentication who, Model model) {
        model.addAttribute("options", parentOptions(records.user(who), parentType, parentId, null, q.strip()));
        return "crm/options";
    }

    private List<Option> parentOptions(CrmUser user, String type, String selected, @Nullable Object selectedName, String q) {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("", "(none)");
        EntityInfo target = ENTITY.matcher(type).matches() ? records.entity(type).orElse(null) : null;
        if (target == null || !target.named() || !records.may(user, target.name(), Action.READ)) {
            return List.of(new Option("", "(none)", true));
        }
        String kept = "";
        if (!selected.isEmpty() && ID.matcher(selected).matches()) {
            try {
                choices.put(selected, selectedName != null ? selectedName.toString()
                        : Fields.title(target, records.read(user, target.name(), selected)));
                kept = selected;
            } catch (RefusedException gone) {
                // not there (any more), or not readable: not offered
            }
        }
        for (Map<String, Object> choice : records.list(user, target.name(), 50, 0, "name", false,
                q.length() > 100 ? q.substring(0, 100) : q, Map.of()).list()) {
            choices.put(String.valueOf(choice.get("id")), String.valueOf(choice.get("name")));
        }
        String chosen = kept;
        return choices.entrySet().stream().map(c -> new Option(c.getKey(), c.getValue(), c.getKey().equals(chosen))).toList();
    }

    /** The record's teams to choose from: the user's own (all for administrators), and those the record has now. */
    private List<Option> teamOptions(CrmUser user, String selected) {
        Set<String> chosen = Set.copyOf(List.of(selected.split("\n")));
        Map<String, String> choices = new LinkedHashMap<>();
        (user.administrator() ? teams.all() : teams.named(user.teamIds())).forEach(t -> choices.put(t.id(), t.name()));
        teams.named(chosen).forEach(t -> choices.putIfAbsent(t.id(), t.name()));
        return choices.entrySet().stream().map(c -> new Option(c.getKey(), c.getValue(), chosen.contains(c.getKey()))).toList();
    }

    // --- helpers ---

    private EntityInfo entity(String name) {
        return PathNames.entity(records, name);
    }

    private static String id(String id) {
        return PathNames.id(id);
    }

    private Map<String, Object> read(CrmUser user, EntityInfo entity, String id) {
        try {
            return records.read(user, entity.name(), id);
        } catch (RefusedException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }

    /** A refusal not handled on the page: the error page with its status (403, 404; 400 for bad parameters). */
    @ExceptionHandler(RefusedException.class)
    void refused(RefusedException e, HttpServletResponse response) throws IOException {
        response.sendError(e.status().value(), e.getMessage());
    }
}
