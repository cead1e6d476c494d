package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
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
 * The maintenance page over {@link Monitors}' windows (the same as {@code /api/monitor/v1/maintenance}): everyone
 * signed in sees the list with what each window covers and whether it is in effect; administrators create, edit and
 * delete. While a window is in effect its monitors show MAINTENANCE and announce nothing.
 */
@Controller
class MaintenancePages {

    /** The monitors offered in the form's list (by name); more than this many are still covered by "all monitors". */
    static final int CHOICES = 500;

    private final Monitors monitors;

    MaintenancePages(Monitors monitors) {
        this.monitors = monitors;
    }

    @GetMapping("/monitor/maintenance")
    String list(Model model) {
        Instant now = Instant.now();
        List<MaintenanceRow> rows = monitors.maintenance().stream().map(window -> new MaintenanceRow(window, covers(window.monitors()),
                MaintenanceForm.when(window), state(window, now))).toList();
        model.addAttribute("rows", rows);
        return "monitor/maintenance";
    }

    @GetMapping("/monitor/maintenance/new")
    String create(HttpServletRequest request, Model model) {
        requireAdmin(request);
        return form(model, MaintenanceForm.blank(), null);
    }

    @PostMapping("/monitor/maintenance")
    String created(@RequestParam Map<String, String> params, HttpServletRequest request, Model model) {
        requireAdmin(request);
        MaintenanceForm form = new MaintenanceForm(params, Map.of());
        return FormSubmission.submit(() -> {
            monitors.addMaintenance(form.window());
            return "redirect:/monitor/maintenance";
        }, errors -> form(model, form.withErrors(errors), null));
    }

    @GetMapping("/monitor/maintenance/{id}/edit")
    String edit(@PathVariable String id, HttpServletRequest request, Model model) {
        requireAdmin(request);
        return form(model, MaintenanceForm.of(window(id)), id);
    }

    @PostMapping("/monitor/maintenance/{id}")
    String updated(@PathVariable String id, @RequestParam Map<String, String> params, HttpServletRequest request, Model model) {
        requireAdmin(request);
        window(id);
        MaintenanceForm form = new MaintenanceForm(params, Map.of());
        return FormSubmission.submit(() -> {
            monitors.replaceMaintenance(id, form.window());
            return "redirect:/monitor/maintenance";
        }, errors -> form(model, form.withErrors(errors), id));
    }

    @PostMapping("/monitor/maintenance/{id}/delete")
    String delete(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        window(id);
        monitors.removeMaintenance(id);
        return "redirect:/monitor/maintenance";
    }

    /** Boot's error page, which carries the page shell (a handler's own model would not: it rendered a 500). */
    @ExceptionHandler(NoSuchMonitorException.class)
    void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpStatus.NOT_FOUND.value(), "No such maintenance window.");
    }

    private MaintenanceWindow window(String id) {
        return monitors.maintenance().stream().filter(window -> window.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchMonitorException("maintenance window " + id));
    }

    private String covers(List<MonitorId> listed) {
        if (listed.isEmpty()) {
            return "All monitors";
        }
        return String.join(", ", listed.stream().map(id -> monitors.find(id)
                .map(m -> m.type().equals("group") ? m.name() + " (group and its members)" : m.name()).orElse("a deleted monitor")).toList());
    }

    private static String state(MaintenanceWindow window, Instant now) {
        if (window.covers(now)) {
            return "in effect";
        }
        return !window.weekly() && window.end() != null && !window.end().isAfter(now) ? "over" : "scheduled";
    }

    private String form(Model model, MaintenanceForm form, @Nullable String id) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (MonitorSummary summary : monitors.list(null, 0, CHOICES)) {
            choices.put(summary.monitor().id().value(), summary.monitor().name() + (summary.monitor().type().equals("group") ? " (group)" : ""));
        }
        model.addAttribute("form", form);
        model.addAttribute("id", id);
        model.addAttribute("choices", choices);
        return "monitor/maintenance-form";
    }

    private static void requireAdmin(HttpServletRequest request) {
        FormSubmission.requireAdmin(request, "Changing maintenance windows needs the administrator role.");
    }
}
