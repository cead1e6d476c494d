package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.Monitors;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin pages of the status pages at {@code /monitor/status-pages}: the list, a form per page (groups as lines of
 * monitor names), and the page's incidents with forms to post one and to add updates. Everyone signed in sees;
 * administrators change.
 */
@Controller
class StatusPagesAdmin {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String FIELDS = "slug title description logoUrl domain groups";

    private final StatusPages pages;
    private final Monitors monitors;

    StatusPagesAdmin(StatusPages pages, Monitors monitors) {
        this.pages = pages;
        this.monitors = monitors;
    }

    @GetMapping("/monitor/status-pages")
    String list(Model model) {
        model.addAttribute("rows", pages.list().stream().map(p -> new StatusPageForm.Row(p.id(), p.slug(), p.title(), p.domain(),
                p.groups().stream().mapToInt(g -> g.monitors().size()).sum())).toList());
        return "monitor/status/list";
    }

    @GetMapping("/monitor/status-pages/new")
    String create(HttpServletRequest request, Model model) {
        requireAdmin(request);
        return form(model, new StatusPageForm(Map.of(), Map.of()), null);
    }

    @PostMapping("/monitor/status-pages")
    String create(HttpServletRequest request, @RequestParam Map<String, String> fields, Model model) {
        requireAdmin(request);
        StatusPageForm form = new StatusPageForm(only(fields), Map.of());
        try {
            return "redirect:/monitor/status-pages/" + pages.create(draft(form)).id();
        } catch (InvalidMonitorException e) {
            return form(model, new StatusPageForm(form.values(), formErrors(e.errors())), null);
        }
    }

    @GetMapping("/monitor/status-pages/{id}")
    String edit(@PathVariable String id, Model model) {
        StatusPage page = pages.get(id);
        Map<String, String> names = names();
        Map<String, String> values = new HashMap<>();
        values.put("slug", page.slug());
        values.put("title", page.title());
        values.put("description", page.description());
        values.put("logoUrl", page.logoUrl() == null ? "" : page.logoUrl());
        values.put("domain", page.domain() == null ? "" : page.domain());
        values.put("groups", page.groups().stream().map(g -> g.name() + ": " + g.monitors().stream().map(m -> names.getOrDefault(m, m))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n")));
        return form(model, new StatusPageForm(values, Map.of()), page);
    }

    @PostMapping("/monitor/status-pages/{id}")
    String update(HttpServletRequest request, @PathVariable String id, @RequestParam Map<String, String> fields, Model model) {
        requireAdmin(request);
        StatusPage page = pages.get(id);
        StatusPageForm form = new StatusPageForm(only(fields), Map.of());
        try {
            pages.update(id, draft(form));
            return "redirect:/monitor/status-pages/" + id;
        } catch (InvalidMonitorException e) {
            return form(model, new StatusPageForm(form.values(), formErrors(e.errors())), page);
        }
    }

    @PostMapping("/monitor/status-pages/{id}/delete")
    String delete(HttpServletRequest request, @PathVariable String id) {
        requireAdmin(request);
        pages.delete(id);
        return "redirect:/monitor/status-pages";
    }

    @PostMapping("/monitor/status-pages/{id}/incidents")
    String postIncident(HttpServletRequest request, @PathVariable String id, @RequestParam Map<String, String> fields, Model model) {
        requireAdmin(request);
        try {
            pages.postIncident(id, fields.get("title"), fields.get("state"), fields.get("body"));
        } catch (InvalidMonitorException e) {
            model.addAttribute("incidentErrors", e.errors());
            return edit(id, model);
        }
        return "redirect:/monitor/status-pages/" + id;
    }

    @PostMapping("/monitor/status-pages/{id}/incidents/{incident}")
    String addUpdate(HttpServletRequest request, @PathVariable String id, @PathVariable String incident, @RequestParam Map<String, String> fields,
            Model model) {
        requireAdmin(request);
        if (!pages.incident(incident).pageId().equals(id)) {
            throw new NoSuchStatusPageException(incident);
        }
        try {
            pages.addUpdate(incident, fields.get("state"), fields.get("body"));
        } catch (InvalidMonitorException e) {
            model.addAttribute("incidentErrors", e.errors());
            return edit(id, model);
        }
        return "redirect:/monitor/status-pages/" + id;
    }

    @ExceptionHandler(NoSuchStatusPageException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "monitor/status/not-found";
    }

    private String form(Model model, StatusPageForm form, StatusPage page) {
        model.addAttribute("form", form);
        model.addAttribute("id", page == null ? null : page.id());
        model.addAttribute("slug", page == null ? null : page.slug());
        model.addAttribute("incidents", page == null ? List.of() : pages.incidents(page.id(), Instant.EPOCH).stream()
                .map(i -> new StatusPageForm.IncidentRow(i.id(), i.title(), i.state().label(), WHEN.format(i.createdAt()),
                        i.updates().stream().map(u -> new StatusPageView.UpdateView(u.state().label(), u.body(), WHEN.format(u.at()))).toList()))
                .toList());
        if (!model.containsAttribute("incidentErrors")) {
            model.addAttribute("incidentErrors", Map.of());
        }
        return "monitor/status/edit";
    }

    /** The draft of a form: group lines {@code Name: Monitor A, Monitor B}, monitors by name (or id). */
    private StatusPageDraft draft(StatusPageForm form) {
        Map<String, String> byName = new HashMap<>();
        names().forEach((id, name) -> byName.putIfAbsent(name.toLowerCase(Locale.ROOT), id));
        List<StatusPageDraft.GroupDraft> groups = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String[] lines = form.value("groups").split("\\R");
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            List<String> ids = new ArrayList<>();
            if (colon >= 0) {
                for (String monitor : line.substring(colon + 1).split(",")) {
                    String wanted = monitor.strip();
                    if (wanted.isEmpty()) {
                        continue;
                    }
                    String id = byName.get(wanted.toLowerCase(Locale.ROOT));
                    if (id == null) {
                        errors.put("groups", "no monitor named " + wanted);
                    } else {
                        ids.add(id);
                    }
                }
            }
            groups.add(new StatusPageDraft.GroupDraft(name, ids));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        return new StatusPageDraft(form.value("slug"), form.value("title"), form.value("description"), form.value("logoUrl"),
                form.value("domain"), groups);
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        int offset = 0;
        while (true) {
            List<MonitorSummary> page = monitors.list(null, offset, 500);
            for (MonitorSummary summary : page) {
                Monitor monitor = summary.monitor();
                names.put(monitor.id().value(), monitor.name());
            }
            if (page.size() < 500) {
                return names;
            }
            offset += page.size();
        }
    }

    private static Map<String, String> only(Map<String, String> fields) {
        Map<String, String> values = new HashMap<>();
        for (String name : FIELDS.split(" ")) {
            values.put(name, fields.getOrDefault(name, ""));
        }
        return values;
    }

    /** Errors of nested paths ({@code groups[0].monitors[1]}) shown at the groups field. */
    private static Map<String, String> formErrors(Map<String, String> errors) {
        Map<String, String> result = new LinkedHashMap<>();
        errors.forEach((field, message) -> result.merge(field.startsWith("groups") ? "groups" : field, message, (a, b) -> a + "; " + b));
        return result;
    }

    private static void requireAdmin(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN")) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Changing status pages needs the administrator role.");
        }
    }
}
