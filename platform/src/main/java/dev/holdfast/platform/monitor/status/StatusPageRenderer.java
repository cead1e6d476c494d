package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.MaintenanceWindow;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorState;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.Rollup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Builds a {@link StatusPageView}: states, the banner, 90 daily bars from the day rollups, incidents and maintenance. */
@Component
class StatusPageRenderer {

    static final int DAYS = 90;
    /** Width of a day's slot in the SVG (bar 2 units wide, 1 unit gap). */
    static final int SLOT = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Monitors monitors;
    private final StatusPages pages;
    private final Clock clock;

    StatusPageRenderer(Monitors monitors, StatusPages pages, Clock clock) {
        this.monitors = monitors;
        this.pages = pages;
        this.clock = clock;
    }

    StatusPageView render(StatusPage page) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        List<MaintenanceWindow> windows = monitors.maintenance();
        Map<String, Monitor> shown = new LinkedHashMap<>();
        int up = 0;
        int down = 0;
        int maintenance = 0;
        List<StatusPageView.GroupView> groups = new ArrayList<>();
        for (StatusPage.Group group : page.groups()) {
            List<StatusPageView.MonitorRow> rows = new ArrayList<>();
            for (String id : group.monitors()) {
                MonitorId monitorId = new MonitorId(id);
                Optional<Monitor> monitor = monitors.find(monitorId);
                if (monitor.isEmpty()) {
                    continue;
                }
                shown.put(id, monitor.get());
                MonitorState state = monitors.status(monitorId).state();
                MonitorId parent = monitor.get().parent();
                boolean inWindow = windows.stream().anyMatch(w -> w.appliesTo(monitorId, parent) && w.covers(now));
                if (state == MonitorState.MAINTENANCE || inWindow) {
                    state = MonitorState.MAINTENANCE;
                    maintenance++;
                } else if (state == MonitorState.DOWN) {
                    down++;
                } else if (state == MonitorState.UP) {
                    up++;
                }
                rows.add(row(monitor.get(), state, first));
            }
            groups.add(new StatusPageView.GroupView(group.name(), rows));
        }
        int counted = up + down + maintenance;
        StatusPageView.Banner banner;
        if (down > 0 && down * 2 >= counted) {
            banner = new StatusPageView.Banner("major", "Major outage");
        } else if (down > 0) {
            banner = new StatusPageView.Banner("partial", "Partial outage");
        } else if (maintenance > 0) {
            banner = new StatusPageView.Banner("maintenance", "Under maintenance");
        } else {
            banner = new StatusPageView.Banner("up", "All systems operational");
        }
        List<StatusPageView.IncidentView> incidents = pages.incidents(page.id(), now.minus(Duration.ofDays(7))).stream()
                .map(incident -> new StatusPageView.IncidentView(incident.title(), incident.state().label(),
                        incident.state().name().toLowerCase(Locale.ROOT), WHEN.format(incident.createdAt()),
                        incident.updates().stream().map(u -> new StatusPageView.UpdateView(u.state().label(), u.body(), WHEN.format(u.at()))).toList()))
                .toList();
        List<String> notices = windows.stream()
                .filter(w -> w.weekly() || (w.end() != null && w.end().isAfter(now)))
                .map(w -> notice(w, affected(w, shown.values()), now)).filter(Objects::nonNull).toList();
        String logo = page.logoType() != null ? "/status/" + page.slug() + "/logo?v=" + page.updatedAt().toEpochMilli() : page.logoUrl();
        return new StatusPageView(page.slug(), page.title(), page.description(), logo, banner, groups, incidents, notices,
                first.toString(), today.toString());
    }

    private StatusPageView.MonitorRow row(Monitor monitor, MonitorState state, LocalDate first) {
        Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<LocalDate, Rollup> byDay = new HashMap<>();
        for (Rollup rollup : monitors.rollups(monitor.id(), Monitors.Resolution.DAY, from)) {
            byDay.put(LocalDate.ofInstant(rollup.bucket(), ZoneOffset.UTC), rollup);
        }
        List<StatusPageView.DayBar> bars = new ArrayList<>(DAYS);
        long ups = 0;
        long total = 0;
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = first.plusDays(i);
            Rollup rollup = byDay.get(day);
            int checks = rollup == null ? 0 : rollup.up() + rollup.down();
            if (checks == 0) {
                bars.add(new StatusPageView.DayBar(i * SLOT, "none", day + ": no data"));
                continue;
            }
            ups += rollup.up();
            total += checks;
            double share = (double) rollup.up() / checks;
            String kind = rollup.down() == 0 ? "up" : share >= 0.5 ? "partial" : "down";
            bars.add(new StatusPageView.DayBar(i * SLOT, kind, day + ": " + percent(share) + " up"));
        }
        String uptime = total == 0 ? "no data" : percent((double) ups / total) + " uptime";
        return new StatusPageView.MonitorRow(monitor.name(), label(state), state.name().toLowerCase(Locale.ROOT), uptime, bars);
    }

    static String percent(double share) {
        double value = share * 100;
        return (value == 100 ? "100" : String.format(Locale.ROOT, "%.2f", Math.min(value, 99.99))) + " %";
    }

    private static String label(MonitorState state) {
        return switch (state) {
            case UP -> "Operational";
            case DOWN -> "Down";
            case PENDING -> "Degraded";
            case MAINTENANCE -> "Maintenance";
        };
    }

    /** The page's monitors a window is for (by name), all of them for a window over every monitor. */
    private static List<String> affected(MaintenanceWindow window, java.util.Collection<Monitor> shown) {
        return shown.stream().filter(m -> window.appliesTo(m.id(), m.parent())).map(Monitor::name).toList();
    }

    /** The notice of a window, naming the page's monitors it is for; null when it is for none of them. */
    private static @Nullable String notice(MaintenanceWindow window, List<String> affected, Instant now) {
        if (affected.isEmpty()) {
            return null;
        }
        String what = window.monitors().isEmpty() ? "" : " (" + String.join(", ", affected) + ")";
        if (window.weekly()) {
            String days = window.days().stream().sorted().map(d -> d.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH))
                    .collect(Collectors.joining(", "));
            return window.title() + what + ": every " + days + " at " + window.at() + " for " + minutes(window.length()) + " (" + window.zone().getId() + ")"
                    + (window.covers(now) ? ", in progress" : "");
        }
        return window.title() + what + ": " + WHEN.format(window.start()) + " to " + WHEN.format(window.end()) + (window.covers(now) ? ", in progress" : "");
    }

    private static String minutes(Duration length) {
        return length == null ? "" : length.toMinutes() + " min";
    }
}
