package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.Monitor.MonitorId;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.MonitorSummary;
import dev.holdfast.platform.monitor.MonitorTag;
import dev.holdfast.platform.monitor.MonitorTags;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monitoring API: monitors (list with search and paging, create, read, replace, delete, pause, resume), their
 * raw history and rollups, uptime and incidents. Reading needs a signed-in user or an API token; changes need the
 * administrator permission (see identity's API security). Bad input is a 400 problem detail with {@code errors}
 * naming each field.
 */
@RestController
@RequestMapping("/api/monitor/v1/monitors")
class MonitorApiController {

    private final Monitors monitors;
    private final MonitorTags tags;

    MonitorApiController(Monitors monitors, MonitorTags tags) {
        this.monitors = monitors;
        this.tags = tags;
    }

    /** A page of monitors by name: {@code q} searches name, target and tags, {@code tag} is {@code name} or {@code name:value}. */
    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String tag,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new InvalidMonitorException(Map.of(offset < 0 ? "offset" : "limit", offset < 0 ? "0 or more" : "from 1 to 500"));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", monitors.count(q, tag));
        List<MonitorSummary> items = monitors.list(q, tag, offset, limit);
        Map<MonitorId, List<MonitorTag>> tagged = tags.of(items.stream().map(s -> s.monitor().id()).toList());
        page.put("items", items.stream().map(s -> MonitorView.of(s.monitor(), s.status(), tagged.getOrDefault(s.monitor().id(), List.of()))).toList());
        return page;
    }

    @PostMapping
    @Transactional
    public ResponseEntity<MonitorView> create(@RequestBody MonitorRequest request) {
        Monitor created = monitors.create(request.draft());
        if (request.tags() != null) {
            tags.set(created.id(), request.tags());
        }
        return ResponseEntity.created(URI.create("/api/monitor/v1/monitors/" + created.id())).body(view(created));
    }

    @GetMapping("/{id}")
    MonitorView get(@PathVariable String id) {
        return view(monitors.get(id(id)));
    }

    /** Replaces a monitor's settings; {@code tags} absent keeps its tags, a list (even empty) replaces them. */
    @PutMapping("/{id}")
    @Transactional
    public MonitorView update(@PathVariable String id, @RequestBody MonitorRequest request) {
        MonitorId monitorId = id(id);
        Monitor existing = monitors.get(monitorId);
        Monitor updated = monitors.update(monitorId, keepSecrets(existing, request.draft()));
        if (request.tags() != null) {
            tags.set(monitorId, request.tags());
        }
        return view(updated);
    }

    /** Replaces only a monitor's tags. */
    @PutMapping("/{id}/tags")
    List<MonitorTag> setTags(@PathVariable String id, @RequestBody List<MonitorTag> wanted) {
        MonitorId monitorId = id(id);
        monitors.get(monitorId);
        tags.set(monitorId, wanted);
        return tags.of(monitorId);
    }

    private MonitorView view(Monitor monitor) {
        return MonitorView.of(monitor, monitors.status(monitor.id()), tags.of(monitor.id()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        monitors.delete(id(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<Void> pause(@PathVariable String id) {
        monitors.pause(id(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<Void> resume(@PathVariable String id) {
        monitors.resume(id(id));
        return ResponseEntity.noContent().build();
    }

    /** Raw checks ({@code resolution} absent or {@code raw}) or rollups ({@code minute}, {@code hour}, {@code day}) since a time. */
    @GetMapping("/{id}/history")
    List<?> history(@PathVariable String id, @RequestParam(required = false) @Nullable String since,
            @RequestParam(defaultValue = "raw") String resolution) {
        MonitorId monitorId = id(id);
        monitors.get(monitorId);
        Instant from;
        try {
            from = since == null ? Instant.now().minusSeconds(3600) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidMonitorException(Map.of("since", "an ISO-8601 instant like 2026-01-31T12:00:00Z"));
        }
        return switch (resolution) {
            case "raw" -> monitors.results(monitorId, from);
            case "minute" -> monitors.rollups(monitorId, Monitors.Resolution.MINUTE, from);
            case "hour" -> monitors.rollups(monitorId, Monitors.Resolution.HOUR, from);
            case "day" -> monitors.rollups(monitorId, Monitors.Resolution.DAY, from);
            default -> throw new InvalidMonitorException(Map.of("resolution", "one of raw, minute, hour, day"));
        };
    }

    @GetMapping("/{id}/uptime")
    Object uptime(@PathVariable String id) {
        return monitors.uptime(id(id));
    }

    @GetMapping("/{id}/incidents")
    List<?> incidents(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        MonitorId monitorId = id(id);
        monitors.get(monitorId);
        return monitors.incidents(monitorId, Math.max(1, Math.min(limit, 500)));
    }

    private static MonitorId id(String id) {
        try {
            return new MonitorId(id);
        } catch (IllegalArgumentException e) {
            throw new NoSuchMonitorException(id);
        }
    }

    /** A masked secret sent back unchanged keeps the stored one. */
    static MonitorDraft keepSecrets(Monitor existing, MonitorDraft draft) {
        if (draft.config() == null) {
            return draft;
        }
        Map<String, Object> config = new LinkedHashMap<>(draft.config());
        config.replaceAll((key, value) -> MonitorView.MASK.equals(value) && existing.config().values().containsKey(key)
                ? existing.config().values().get(key) : value);
        return new MonitorDraft(draft.name(), draft.type(), config, draft.interval(), draft.timeout(), draft.retries(),
                draft.retryInterval(), draft.resendInterval(), draft.upsideDown(), draft.parent());
    }
}
