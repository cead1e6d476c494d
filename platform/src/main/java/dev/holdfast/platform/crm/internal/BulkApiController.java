package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * EspoCRM's {@code POST /Export} and {@code POST /MassAction} under {@code /api/v1}. In the request, the export
 * answers the file itself, streamed (EspoCRM answers an attachment id to download next), and a mass action answers
 * {@code {count, ids}}. With EspoCRM's {@code "runInIdleProcess": true} (export) or {@code "idle": true} (mass
 * action), which its UI sends for big selections, the work runs as a job ({@link BulkJobs}): the answer is
 * {@code {"exportId"}} or {@code {"id"}}, and {@code GET /Export/{id}/status} or {@code GET /MassAction/{id}/status}
 * tells how it went (an export's file then is {@code attachmentId}).
 */
@RestController
@RequestMapping("/api/v1")
class BulkApiController {

    private final RecordBulk bulk;
    private final BulkJobs jobs;
    private final RecordAccess access;

    BulkApiController(RecordBulk bulk, BulkJobs jobs, RecordAccess access) {
        this.bulk = bulk;
        this.jobs = jobs;
        this.access = access;
    }

    /** See {@link BulkRequests.Export}; no selection exports every readable record. */
    @PostMapping("/Export")
    void export(HttpServletRequest request, HttpServletResponse response, Authentication who) throws IOException {
        Map<String, Object> body = RecordsApiController.body(request);
        BulkRequests.Export export = BulkRequests.Export.of(body);
        CrmUser user = access.user(who);
        bulk.check(export.entityType(), export.names(), export.fields());
        if (export.idle()) {
            response.setStatus(200);
            response.setContentType("application/json");
            response.getOutputStream().write(Json.write(Map.of("exportId", jobs.start(who, user, "export", export.entityType(), body)))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        try {
            bulk.export(user, export.entityType(), export.selection(), export.names(), export.fields(), export.format(), () -> {
                response.setStatus(200);
                response.setContentType(export.format().contentType());
                response.setHeader("Content-Disposition", "attachment; filename=\"" + export.entityType() + "."
                        + export.format().extension() + "\"");
                response.setHeader("Cache-Control", "no-store");
                try {
                    return response.getOutputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away
        }
    }

    @GetMapping("/Export/{id}/status")
    Map<String, Object> exportStatus(@PathVariable String id, Authentication who) {
        return jobs.status(access.user(who), "export", id);
    }

    /** See {@link BulkRequests.MassAction}; answers {@code {"count": n, "ids": [...]}}, or {@code {"id"}} of its job. */
    @PostMapping("/MassAction")
    Map<String, Object> massAction(HttpServletRequest request, Authentication who) throws IOException {
        Map<String, Object> body = RecordsApiController.body(request);
        BulkRequests.MassAction action = BulkRequests.MassAction.of(body);
        CrmUser user = access.user(who);
        if (action.idle()) {
            bulk.check(action.entityType(), null, false);
            return Map.of("id", jobs.start(who, user, action.action(), action.entityType(), body));
        }
        RecordBulk.Result result = "update".equals(action.action())
                ? bulk.massUpdate(user, action.entityType(), action.selection(), action.data())
                : bulk.massDelete(user, action.entityType(), action.selection());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", result.count());
        if (result.ids() != null) {
            answer.put("ids", result.ids());
        }
        return answer;
    }

    @GetMapping("/MassAction/{id}/status")
    Map<String, Object> massActionStatus(@PathVariable String id, Authentication who) {
        return jobs.status(access.user(who), "massAction", id);
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return RecordsApiController.problem(e);
    }
}
