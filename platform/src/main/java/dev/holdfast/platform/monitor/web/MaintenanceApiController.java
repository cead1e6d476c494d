package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.Monitors;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintenance windows: one-off ({@code start}, {@code end} as ISO instants) or weekly ({@code days} like
 * {@code ["MONDAY"]}, {@code at} like {@code 02:00}, {@code lengthMinutes}, {@code zone}), for the monitors listed in
 * {@code monitors} (ids; a group covers its members) or, with none, for all. {@code monitor} (one id) is still taken.
 * Created with POST, replaced with {@code PUT /{id}} (same id), removed with DELETE.
 */
@RestController
@RequestMapping("/api/monitor/v1/maintenance")
class MaintenanceApiController {

    record WindowRequest(@Nullable String monitor, @Nullable List<String> monitors, @Nullable String title, @Nullable String start, @Nullable String end,
            @Nullable List<String> days, @Nullable String at, @Nullable Long lengthMinutes, @Nullable String zone) {}

    private final Monitors monitors;

    MaintenanceApiController(Monitors monitors) {
        this.monitors = monitors;
    }

    /** A window as the API answers it: monitor ids as plain strings. */
    record WindowView(String id, List<String> monitors, String title, @Nullable Instant start, @Nullable Instant end, Set<DayOfWeek> days,
            @Nullable LocalTime at, @Nullable Long lengthMinutes, String zone) {

        static WindowView of(MaintenanceWindow w) {
            return new WindowView(w.id(), w.monitors().stream().map(MonitorId::value).toList(), w.title(), w.start(), w.end(), w.days(),
                    w.at(), w.length() == null ? null : w.length().toMinutes(), w.zone().getId());
        }
    }

    @GetMapping
    List<WindowView> list() {
        return monitors.maintenance().stream().map(WindowView::of).toList();
    }

    @PostMapping
    ResponseEntity<WindowView> create(@RequestBody WindowRequest request) {
        MaintenanceWindow created = monitors.addMaintenance(window(request));
        return ResponseEntity.created(URI.create("/api/monitor/v1/maintenance/" + created.id())).body(WindowView.of(created));
    }

    @PutMapping("/{id}")
    WindowView replace(@PathVariable String id, @RequestBody WindowRequest request) {
        return WindowView.of(monitors.replaceMaintenance(id, window(request)));
    }

    private static MaintenanceWindow window(WindowRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<MonitorId> listed = new java.util.ArrayList<>();
        if (request.monitor() != null && !request.monitor().isBlank()) {
            try {
                listed.add(new MonitorId(request.monitor()));
            } catch (IllegalArgumentException e) {
                errors.put("monitor", "not a monitor id");
            }
        }
        List<String> ids = request.monitors() == null ? List.of() : request.monitors();
        for (int i = 0; i < ids.size(); i++) {
            try {
                listed.add(new MonitorId(String.valueOf(ids.get(i))));
            } catch (IllegalArgumentException e) {
                errors.put("monitors[" + i + "]", "not a monitor id");
            }
        }
        Instant start = instant(request.start(), "start", errors);
        Instant end = instant(request.end(), "end", errors);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : request.days() == null ? List.<String>of() : request.days()) {
            try {
                days.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put("days", "days of the week like MONDAY");
            }
        }
        LocalTime at = null;
        if (request.at() != null) {
            try {
                at = LocalTime.parse(request.at());
            } catch (DateTimeException e) {
                errors.put("at", "a time of day like 02:00");
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (request.zone() != null) {
            try {
                zone = ZoneId.of(request.zone());
            } catch (DateTimeException e) {
                errors.put("zone", "a time zone like Europe/Berlin");
            }
        }
        if (request.lengthMinutes() != null && (request.lengthMinutes() < 1 || request.lengthMinutes() > 7 * 24 * 60)) {
            errors.put("lengthMinutes", "minutes from 1 to 10080");
        }
        if (!errors.isEmpty()) {
            throw new InvalidMonitorException(errors);
        }
        return new MaintenanceWindow("", listed, request.title() == null ? "" : request.title().strip(),
                start, end, days, at, request.lengthMinutes() == null ? null : Duration.ofMinutes(request.lengthMinutes()), zone);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        monitors.removeMaintenance(id);
        return ResponseEntity.noContent().build();
    }

    private static @Nullable Instant instant(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            errors.put(field, "an ISO-8601 instant like 2026-01-31T22:00:00Z");
            return null;
        }
    }
}
