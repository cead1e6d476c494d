package dev.holdfast.platform.monitor.status;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Config as code: {@code GET /api/monitor/v1/export} gives the whole setup as YAML (administrators only: it holds the
 * monitors' secrets), {@code POST /api/monitor/v1/import} applies one ({@code ?dryRun=true} only reports). A bad file
 * is a 400 whose {@code errors} name every bad entry by path; nothing is applied then.
 */
@RestController
@RequestMapping("/api/monitor/v1")
class SetupApiController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final SetupTransfer transfer;

    SetupApiController(SetupTransfer transfer) {
        this.transfer = transfer;
    }

    @GetMapping("/export")
    ResponseEntity<?> export(Authentication user) {
        if (user.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()) || "SCOPE_config:read".equals(a.getAuthority())
                || "SCOPE_config:write".equals(a.getAuthority()))) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "The export holds the monitors' secrets: it needs the administrator permission.")).build();
        }
        return ResponseEntity.ok().contentType(YAML).header("Content-Disposition", "attachment; filename=\"holdfast-monitoring.yaml\"")
                .body(transfer.exportYaml());
    }

    /**
     * Reads the YAML as a stream straight into the parser, up to {@link SetupTransfer#MAX_IMPORT_BYTES}; a larger
     * body (by {@code Content-Length} or while reading a chunked one) is a 413 and nothing is imported.
     */
    @PostMapping(value = "/import")
    ResponseEntity<?> importSetup(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        if (request.getContentLengthLong() > SetupTransfer.MAX_IMPORT_BYTES) {
            return tooLarge();
        }
        SetupTransfer.Outcome outcome;
        try {
            outcome = transfer.importYaml(request.getInputStream(), dryRun);
        } catch (SetupTransfer.SetupTooLargeException e) {
            return tooLarge();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applied", outcome.applied());
        body.put("created", outcome.created());
        body.put("updated", outcome.updated());
        body.put("unchanged", outcome.unchanged());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "Nothing was imported: the file is larger than "
                + SetupTransfer.MAX_IMPORT_BYTES / (1024 * 1024) + " MiB.")).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(SetupTransfer.InvalidSetupException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Nothing was imported: " + e.errors().size() + " invalid entr" + (e.errors().size() == 1 ? "y" : "ies") + ".");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.of(problem).build();
    }
}
