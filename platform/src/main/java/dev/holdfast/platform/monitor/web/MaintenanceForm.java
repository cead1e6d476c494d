package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The maintenance window form as the browser posts it (all text): title, the monitors it applies to (checkboxes
 * {@code monitor.<id>}; none for all; a group covers its members; a single {@code monitor} id is still taken), {@code kind} {@code once} (start and end as local date-times in {@code zone}) or
 * {@code weekly} (day checkboxes {@code day.MONDAY}, {@code at}, {@code lengthMinutes}). Field names in errors match
 * the inputs.
 */
public record MaintenanceForm(Map<String, String> values, Map<String, String> errors) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean weekly() {
        return value("kind").equals("weekly");
    }

    /** Whether the form picks this monitor (checkbox {@code monitor.<id>}). */
    public boolean picked(String monitorId) {
        return values.containsKey("monitor." + monitorId) || value("monitor").strip().equals(monitorId);
    }

    public boolean day(DayOfWeek day) {
        return values.containsKey("day." + day.name());
    }

    public @Nullable String error(String name) {
        return errors.get(name);
    }

    public boolean invalid(String name) {
        return errors.containsKey(name);
    }

    public static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    static MaintenanceForm blank() {
        return new MaintenanceForm(Map.of("kind", "once", "zone", "UTC", "lengthMinutes", "60"), Map.of());
    }

    static MaintenanceForm of(MaintenanceWindow window) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", window.title());
        window.monitors().forEach(id -> values.put("monitor." + id.value(), "on"));
        values.put("zone", window.zone().getId());
        values.put("kind", window.weekly() ? "weekly" : "once");
        if (window.start() != null) {
            values.put("start", LOCAL.format(window.start().atZone(window.zone())));
        }
        if (window.end() != null) {
            values.put("end", LOCAL.format(window.end().atZone(window.zone())));
        }
        window.days().forEach(day -> values.put("day." + day.name(), "on"));
        if (window.at() != null) {
            values.put("at", window.at().toString());
        }
        if (window.length() != null) {
            values.put("lengthMinutes", String.valueOf(window.length().toMinutes()));
        }
        return new MaintenanceForm(values, Map.of());
    }

    /** The window the form describes; an {@link dev.holdfast.platform.monitor.InvalidMonitorException} names each unreadable field. */
    MaintenanceWindow window() {
        Map<String, String> problems = new LinkedHashMap<>();
        java.util.List<MonitorId> monitors = new java.util.ArrayList<>();
        for (String key : values.keySet()) {
            String id = key.equals("monitor") ? value(key).strip() : key.startsWith("monitor.") ? key.substring("monitor.".length()) : "";
            try {
                if (!id.isEmpty() && !monitors.contains(new MonitorId(id))) {
                    monitors.add(new MonitorId(id));
                }
            } catch (IllegalArgumentException e) {
                problems.put("monitors", "a picked monitor does not exist");
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (!value("zone").isBlank()) {
            try {
                zone = ZoneId.of(value("zone").strip());
            } catch (DateTimeException e) {
                problems.put("zone", "a time zone like UTC or Europe/Berlin");
            }
        }
        Instant start = null;
        Instant end = null;
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        LocalTime at = null;
        Duration length = null;
        if (weekly()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day(day)) {
                    days.add(day);
                }
            }
            if (days.isEmpty()) {
                problems.put("days", "pick at least one day");
            }
            try {
                at = LocalTime.parse(value("at").strip());
            } catch (DateTimeException e) {
                problems.put("at", "a time of day like 02:00");
            }
            try {
                long minutes = Long.parseLong(value("lengthMinutes").strip());
                if (minutes < 1 || minutes > 7 * 24 * 60) {
                    problems.put("lengthMinutes", "minutes from 1 to 10080");
                } else {
                    length = Duration.ofMinutes(minutes);
                }
            } catch (NumberFormatException e) {
                problems.put("lengthMinutes", "minutes from 1 to 10080");
            }
        } else {
            start = local(value("start"), zone, "start", problems);
            end = local(value("end"), zone, "end", problems);
        }
        if (!problems.isEmpty()) {
            throw new dev.holdfast.platform.monitor.InvalidMonitorException(problems);
        }
        return new MaintenanceWindow("", monitors, value("title").strip(), start, end, days, at, length, zone);
    }

    MaintenanceForm withErrors(Map<String, String> errors) {
        Map<String, String> named = new LinkedHashMap<>();
        // the store names a weekly window's missing time "length" (the input is lengthMinutes) and each listed monitor
        // "monitors[i]" (the inputs are one list of checkboxes)
        errors.forEach((field, message) -> named.merge(field.equals("length") ? "lengthMinutes" : field.startsWith("monitors") ? "monitors" : field,
                field.startsWith("monitors[") ? "a picked monitor " + message.replace("no such monitor", "no longer exists") : message,
                (a, b) -> a));
        return new MaintenanceForm(values, named);
    }

    private static @Nullable Instant local(String text, ZoneId zone, String field, Map<String, String> problems) {
        if (text.isBlank()) {
            problems.put(field, "a date and time");
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            problems.put(field, "a date and time like 2026-01-31T22:00");
            return null;
        }
    }

    /** When a window applies, as people read it: {@code 2026-01-31 22:00 – 2026-02-01 02:00 (UTC)} or {@code Mon, Thu at 02:00 for 1 h (Europe/Berlin)}. */
    public static String when(MaintenanceWindow window) {
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(window.zone());
        if (window.weekly()) {
            String days = window.days().stream().sorted().map(MaintenanceForm::dayName).collect(Collectors.joining(", "));
            return days + " at " + window.at() + " for " + (window.length() == null ? "?" : DashboardRow.duration(window.length()))
                    + " (" + window.zone().getId() + ")";
        }
        return (window.start() == null ? "?" : shown.format(window.start())) + " – " + (window.end() == null ? "?" : shown.format(window.end()))
                + " (" + window.zone().getId() + ")";
    }
}
