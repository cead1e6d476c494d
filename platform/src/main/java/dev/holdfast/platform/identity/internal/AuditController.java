package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.AuditLog.Filter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The audit log for administrators: search, verify the chain, export as JSON Lines. */
@Controller
class AuditController {

    private static final int PAGE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JooqAuditLog audit;

    AuditController(JooqAuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable Long before, Model model) {
        Filter filter = new Filter(blankToNull(action), blankToNull(actor),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), before, outcome(outcome));
        List<AuditEvent> events = audit.search(filter, PAGE);
        model.addAttribute("events", events);
        model.addAttribute("action", filter.action() == null ? "" : filter.action());
        model.addAttribute("actor", filter.actor() == null ? "" : filter.actor());
        model.addAttribute("outcome", filter.outcome() == null ? "" : filter.outcome().name().toLowerCase(Locale.ROOT));
        model.addAttribute("outcomes", Arrays.stream(Outcome.values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList());
        model.addAttribute("from", from == null ? "" : from.toString());
        model.addAttribute("to", to == null ? "" : to.toString());
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/audit");
        putIfPresent(link, "action", filter.action());
        putIfPresent(link, "actor", filter.actor());
        putIfPresent(link, "outcome", (String) model.getAttribute("outcome"));
        putIfPresent(link, "from", from == null ? null : from.toString());
        putIfPresent(link, "to", to == null ? null : to.toString());
        model.addAttribute("newest", before == null ? "" : link.build().encode().toUriString());
        model.addAttribute("older", events.size() == PAGE
                ? link.cloneBuilder().queryParam("before", events.getLast().seq()).build().encode().toUriString() : "");
        return "identity/audit";
    }

    /** An outcome from the form (any case); an unknown one is bad input. */
    private static @Nullable Outcome outcome(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "outcome is one of success, failure, denied");
        }
    }

    private static void putIfPresent(UriComponentsBuilder link, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            link.queryParam(name, value);
        }
    }

    /** JSON for scripts and monitors; an HTML fragment for the page's htmx button. */
    @GetMapping("/admin/audit/verify")
    Object verify(@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
        AuditLog.Verification verification = audit.verify();
        if (htmx != null) {
            model.addAttribute("verification", verification);
            return "identity/audit-verification";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", verification.intact());
        body.put("events", verification.events());
        verification.firstBrokenSeq().ifPresent(seq -> body.put("firstBrokenSeq", seq));
        verification.problem().ifPresent(problem -> body.put("problem", problem));
        return ResponseEntity.status(verification.intact() ? 200 : 409).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * Streams every event as JSON Lines, written on the request's own thread. (Not a StreamingResponseBody: its
     * async dispatch let Spring Session save the session twice at once, and on PostgreSQL the second insert of a
     * changed session attribute failed on its primary key.)
     */
    @GetMapping("/admin/audit/export")
    void export(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.setContentType("application/jsonl");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"holdfast-audit.jsonl\"");
        var writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        audit.forEach(event -> {
            try {
                writer.write(JSON.writeValueAsString(event));
                writer.write('\n');
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
