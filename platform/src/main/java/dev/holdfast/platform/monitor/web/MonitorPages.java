package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.MonitorTag;
import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import dev.holdfast.platform.monitor.notify.MonitorChannels;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monitoring pages: the dashboard (server-side paging and search, rows refreshed live), a monitor's detail page
 * (response-time chart, uptime, incidents) and the create/edit form. Everyone signed in sees; administrators change.
 */
@Controller
class MonitorPages {

    static final int PAGE_SIZE = 50;
    static final int SLOTS = 48;

    private final Monitors monitors;
    private final MonitorTags tags;
    private final MonitorChannels channels;
    private final TransactionTemplate transaction;

    MonitorPages(Monitors monitors, MonitorTags tags, MonitorChannels channels, PlatformTransactionManager transactions) {
        this.monitors = monitors;
        this.tags = tags;
        this.channels = channels;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping("/monitor")
    String dashboard(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String tag,
            @RequestParam(name = "page", defaultValue = "0") int asked, Model model) {
        String filter = tag.isBlank() ? null : tag.strip();
        int total = monitors.count(q, filter);
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(0, Math.min(asked, pages - 1));
        List<MonitorSummary> page = monitors.list(q, filter, current * PAGE_SIZE, PAGE_SIZE);
        List<MonitorId> ids = page.stream().map(s -> s.monitor().id()).toList();
        // one read each for the page's 24 h bars and tags, whatever the page size
        Map<MonitorId, List<@Nullable Boolean>> bars = monitors.lastDay(ids, SLOTS);
        Map<MonitorId, List<MonitorTag>> tagged = tags.of(ids);
        List<DashboardRow> rows = page.stream().map(s -> new DashboardRow(s.monitor(), s.status(), bars.get(s.monitor().id()),
                tagged.getOrDefault(s.monitor().id(), List.of()))).toList();
        model.addAttribute("q", q);
        model.addAttribute("tag", tag);
        model.addAttribute("tags", tags.tags());
        model.addAttribute("previous", current > 0 ? pageUrl(q, tag, current - 1) : null);
        model.addAttribute("next", current + 1 < pages ? pageUrl(q, tag, current + 1) : null);
        model.addAttribute("rows", rows);
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        return "monitor/dashboard";
    }

    /** One dashboard row, fetched again by htmx when the monitor's live topic says it was checked. */
    @GetMapping("/monitor/rows/{id}")
    String row(@PathVariable String id, Model model) {
        MonitorId monitorId = id(id);
        model.addAttribute("row", row(new MonitorSummary(monitors.get(monitorId), monitors.status(monitorId))));
        return "monitor/row";
    }

    @GetMapping("/monitor/{id}")
    String detail(@PathVariable String id, Model model) {
        MonitorId monitorId = id(id);
        Monitor monitor = monitors.get(monitorId);
        model.addAttribute("row", row(new MonitorSummary(monitor, monitors.status(monitorId))));
        model.addAttribute("channels", channels.picked(monitorId.value()).isEmpty() ? "the default channels"
                : String.join(", ", channels.choices().stream().filter(c -> channels.picked(monitorId.value()).contains(c.id())).map(MonitorChannels.Choice::name).toList()));
        model.addAttribute("uptime", monitors.uptime(monitorId));
        model.addAttribute("incidents", monitors.incidents(monitorId, 50));
        model.addAttribute("now", Instant.now());
        return "monitor/detail";
    }

    @GetMapping("/monitor/new")
    String create(HttpServletRequest request, Model model) {
        requireAdmin(request);
        return form(model, MonitorForm.blank(), null);
    }

    @PostMapping("/monitor")
    String created(@RequestParam Map<String, String> params, HttpServletRequest request, Model model) {
        requireAdmin(request);
        MonitorForm form = new MonitorForm(params, Map.of());
        return FormSubmission.submit(() -> {
            checkChannels(form);
            Monitor monitor = transaction.execute(status -> {
                Monitor made = monitors.create(form.draft());
                setTags(made.id(), form);
                channels.pick(made.id().value(), form.channels());
                return made;
            });
            return "redirect:/monitor/" + monitor.id();
        }, errors -> form(model, form.withErrors(errors), null));
    }

    @GetMapping("/monitor/{id}/edit")
    String edit(@PathVariable String id, HttpServletRequest request, Model model) {
        requireAdmin(request);
        MonitorId monitorId = id(id);
        return form(model, MonitorForm.of(monitors.get(monitorId)).withTags(tags.of(monitorId)).withChannels(channels.picked(monitorId.value())),
                monitorId.value());
    }

    @PostMapping("/monitor/{id}")
    String updated(@PathVariable String id, @RequestParam Map<String, String> params, HttpServletRequest request, Model model) {
        requireAdmin(request);
        MonitorId monitorId = id(id);
        MonitorForm form = new MonitorForm(params, Map.of());
        return FormSubmission.submit(() -> {
            checkChannels(form);
            transaction.executeWithoutResult(status -> {
                monitors.update(monitorId, MonitorApiController.keepSecrets(monitors.get(monitorId), form.draft()));
                setTags(monitorId, form);
                channels.pick(monitorId.value(), form.channels());
            });
            return "redirect:/monitor/" + monitorId;
        }, errors -> form(model, form.withErrors(errors), monitorId.value()));
    }

    @PostMapping("/monitor/{id}/pause")
    String pause(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        monitors.pause(id(id));
        return "redirect:/monitor/" + id;
    }

    @PostMapping("/monitor/{id}/resume")
    String resume(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        monitors.resume(id(id));
        return "redirect:/monitor/" + id;
    }

    @PostMapping("/monitor/{id}/delete")
    String delete(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        monitors.delete(id(id));
        return "redirect:/monitor";
    }

    /** Boot's error page, which carries the page shell (a handler's own model would not: it rendered a 500). */
    @ExceptionHandler(NoSuchMonitorException.class)
    void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpStatus.NOT_FOUND.value(), "No such monitor.");
    }

    private String form(Model model, MonitorForm form, @Nullable String id) {
        Map<String, String> groups = new LinkedHashMap<>();
        monitors.list(null, 0, 500).stream().filter(s -> s.monitor().type().equals("group") && !s.monitor().id().value().equals(id))
                .forEach(s -> groups.put(s.monitor().id().value(), s.monitor().name()));
        model.addAttribute("form", form);
        model.addAttribute("id", id);
        model.addAttribute("groups", groups);
        model.addAttribute("channels", channels.choices());
        return "monitor/form";
    }

    /** Sets the form's tags; their errors ({@code tags[1].name}) are named as the one tags field. */
    private void setTags(MonitorId id, MonitorForm form) {
        try {
            tags.set(id, form.tags());
        } catch (InvalidMonitorException e) {
            List<String> messages = new java.util.ArrayList<>();
            e.errors().forEach((field, message) -> {
                var index = java.util.regex.Pattern.compile("^tags\\[(\\d+)]").matcher(field);
                messages.add(index.find() ? "tag " + (Integer.parseInt(index.group(1)) + 1) + ": " + message : message);
            });
            throw new InvalidMonitorException(Map.of("tags", String.join("; ", messages.stream().sorted().toList())));
        }
    }

    /** A picked channel that no longer exists (deleted meanwhile) is named before anything is saved. */
    private void checkChannels(MonitorForm form) {
        var known = channels.choices().stream().map(MonitorChannels.Choice::id).collect(java.util.stream.Collectors.toSet());
        if (!known.containsAll(form.channels())) {
            throw new InvalidMonitorException(Map.of("channels", "a picked channel no longer exists; pick again"));
        }
    }

    private DashboardRow row(MonitorSummary summary) {
        MonitorId id = summary.monitor().id();
        return new DashboardRow(summary.monitor(), summary.status(), monitors.lastDay(id, SLOTS), tags.of(id));
    }

    static String pageUrl(String q, String tag, int page) {
        return "/monitor?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)
                + "&page=" + page;
    }

    private static void requireAdmin(HttpServletRequest request) {
        FormSubmission.requireAdmin(request, "Changing monitors needs the administrator role.");
    }

    private static MonitorId id(String id) {
        try {
            return new MonitorId(id);
        } catch (IllegalArgumentException e) {
            throw new NoSuchMonitorException(id);
        }
    }
}
