package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.internal.RecordQueries.Selection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * EspoCRM's {@code POST /Export} and {@code POST /MassAction} under {@code /api/v1}. The export answers the CSV
 * itself, streamed (EspoCRM answers an attachment id to download next; the request body is EspoCRM's).
 */
@RestController
@RequestMapping("/api/v1")
class BulkApiController {

    private final RecordBulk bulk;
    private final RecordAccess access;

    BulkApiController(RecordBulk bulk, RecordAccess access) {
        this.bulk = bulk;
        this.access = access;
    }

    /**
     * {@code {"entityType": "Account", "where": [...] | "searchParams": {"where": [...]} | "ids": [...],
     * "attributeList": [...] | "fieldList": [...], "format": "csv"}}; no selection exports every readable record.
     */
    @PostMapping("/Export")
    void export(HttpServletRequest request, HttpServletResponse response, Authentication who) throws IOException {
        Map<String, Object> body = RecordsApiController.body(request);
        String entityType = entityType(body);
        Object format = body.getOrDefault("format", "csv");
        if (!"csv".equals(format)) {
            throw CrmApiException.invalid("format", "Only the csv format is offered.");
        }
        Selection selection = selection(body, "", false);
        List<String> fieldList = names(body, "fieldList");
        List<String> attributeList = fieldList == null ? names(body, "attributeList") : null;
        CrmUser user = access.user(who);
        try {
            bulk.exportCsv(user, entityType, selection, fieldList != null ? fieldList : attributeList, fieldList != null, () -> {
                response.setStatus(200);
                response.setContentType("text/csv; charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"" + entityType + ".csv\"");
                response.setHeader("Cache-Control", "no-store");
                try {
                    return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away
        }
    }

    /**
     * {@code {"entityType": "Account", "action": "update" | "delete", "params": {"ids": [...]} | {"where": [...]} |
     * {"searchParams": {"where": [...]}}, "data": {...}}} → {@code {"count": n, "ids": [...]}}.
     */
    @PostMapping("/MassAction")
    Map<String, Object> massAction(HttpServletRequest request, Authentication who) throws IOException {
        Map<String, Object> body = RecordsApiController.body(request);
        String entityType = entityType(body);
        if (!(body.get("params") instanceof Map<?, ?> raw)) {
            throw CrmApiException.invalid("params", "Send params: {\"ids\": [...]} or {\"where\": [...]}.");
        }
        @SuppressWarnings("unchecked")
        Selection selection = selection((Map<String, Object>) raw, "params.", true);
        CrmUser user = access.user(who);
        RecordBulk.Result result = switch (String.valueOf(body.get("action"))) {
            case "update" -> {
                if (!(body.get("data") instanceof Map<?, ?> data)) {
                    throw CrmApiException.invalid("data", "Send the changes as data: {\"attribute\": value, ...}.");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> changes = (Map<String, Object>) data;
                yield bulk.massUpdate(user, entityType, selection, changes);
            }
            case "delete" -> bulk.massDelete(user, entityType, selection);
            default -> throw CrmApiException.invalid("action", "action must be update or delete.");
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", result.count());
        if (result.ids() != null) {
            answer.put("ids", result.ids());
        }
        return answer;
    }

    private static String entityType(Map<String, Object> body) {
        if (!(body.get("entityType") instanceof String type) || !type.matches("[A-Z][A-Za-z0-9]{0,99}")) {
            throw CrmApiException.invalid("entityType", "Send the entityType, e.g. \"Account\".");
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private static Selection selection(Map<String, Object> params, String prefix, boolean required) {
        Object search = params.containsKey("searchParams") ? params.get("searchParams") : params.get("selectData");
        if (params.get("where") != null) {
            return new Selection(null, WhereItem.fromJson(params.get("where")));
        }
        if (search != null) {
            if (!(search instanceof Map<?, ?> map)) {
                throw CrmApiException.invalid(prefix + "searchParams", "searchParams must be a JSON object.");
            }
            return new Selection(null, WhereItem.fromJson(((Map<String, Object>) map).get("where")));
        }
        Object ids = params.get("ids");
        if (ids == null && !required) {
            return new Selection(null, List.of());
        }
        if (!(ids instanceof List<?> list) || list.isEmpty() || list.size() > RecordBulk.MAX_IDS
                || list.stream().anyMatch(id -> !(id instanceof String s) || !Names.ID.matcher(s).matches())) {
            throw CrmApiException.invalid(prefix + "ids", "Send ids (1 to " + RecordBulk.MAX_IDS + " record ids), where or searchParams.");
        }
        return new Selection(list.stream().map(String.class::cast).toList(), List.of());
    }

    private static @Nullable List<String> names(Map<String, Object> body, String member) {
        Object value = body.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(name -> !(name instanceof String))) {
            throw CrmApiException.invalid(member, member + " must be a list of names.");
        }
        return list.stream().map(String.class::cast).toList();
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return RecordsApiController.problem(e);
    }
}
