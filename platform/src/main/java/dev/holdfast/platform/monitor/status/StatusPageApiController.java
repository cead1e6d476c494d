package dev.holdfast.platform.monitor.status;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Status pages and their incidents over JSON, with the monitoring API's authentication (reading for any signed-in
 * user or token, changes for administrators). Bad input is a 400 problem detail whose {@code errors} name each field.
 */
@RestController
@RequestMapping("/api/monitor/v1/status-pages")
class StatusPageApiController {

    private final StatusPages pages;

    StatusPageApiController(StatusPages pages) {
        this.pages = pages;
    }

    record IncidentDraft(@Nullable String title, @Nullable String state, @Nullable String body) {}

    @GetMapping
    List<StatusPage> list() {
        return pages.list();
    }

    @PostMapping
    ResponseEntity<StatusPage> create(@RequestBody StatusPageDraft draft) {
        StatusPage page = pages.create(draft);
        return ResponseEntity.created(URI.create("/api/monitor/v1/status-pages/" + page.id())).body(page);
    }

    @GetMapping("/{id}")
    StatusPage get(@PathVariable String id) {
        return pages.get(id);
    }

    @PutMapping("/{id}")
    StatusPage update(@PathVariable String id, @RequestBody StatusPageDraft draft) {
        return pages.update(id, draft);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        pages.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Uploads a logo (PNG, JPEG, WebP, GIF or SVG as the raw body, at most 60 KiB); it replaces a logo URL. */
    @PutMapping("/{id}/logo")
    StatusPage uploadLogo(@PathVariable String id, @RequestBody byte[] bytes,
            @org.springframework.web.bind.annotation.RequestHeader(value = "Content-Type", required = false) @Nullable String type) {
        return pages.uploadLogo(id, type, bytes);
    }

    @GetMapping("/{id}/incidents")
    List<StatusIncident> incidents(@PathVariable String id) {
        pages.get(id);
        return pages.incidents(id, Instant.EPOCH);
    }

    @PostMapping("/{id}/incidents")
    ResponseEntity<StatusIncident> postIncident(@PathVariable String id, @RequestBody IncidentDraft draft) {
        StatusIncident incident = pages.postIncident(id, draft.title(), draft.state(), draft.body());
        return ResponseEntity.created(URI.create("/api/monitor/v1/status-pages/" + id + "/incidents/" + incident.id())).body(incident);
    }

    @PostMapping("/{id}/incidents/{incident}/updates")
    ResponseEntity<StatusIncident> addUpdate(@PathVariable String id, @PathVariable String incident, @RequestBody IncidentDraft draft) {
        if (!pages.incident(incident).pageId().equals(id)) {
            throw new NoSuchStatusPageException("incident " + incident);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(pages.addUpdate(incident, draft.state(), draft.body()));
    }

    @DeleteMapping("/{id}/incidents/{incident}")
    ResponseEntity<Void> deleteIncident(@PathVariable String id, @PathVariable String incident) {
        if (!pages.incident(incident).pageId().equals(id)) {
            throw new NoSuchStatusPageException("incident " + incident);
        }
        pages.deleteIncident(incident);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InvalidMonitorException e) {
        return ResponseEntity.of(invalid(e)).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(NoSuchStatusPageException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such status page or incident.")).build();
    }

    static ProblemDetail invalid(InvalidMonitorException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid " + String.join(", ", e.errors().keySet()) + ".");
        problem.setProperty("errors", e.errors());
        return problem;
    }
}
