package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.CrmUser;
import dev.holdfast.platform.crm.access.RecordAccess;
import dev.holdfast.platform.crm.internal.RecordQueries.ListRequest;
import dev.holdfast.platform.crm.internal.RecordQueries.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/** EspoCRM's record API under {@code /api/v1}: list, read, create, update, delete, related lists. */
@RestController
@RequestMapping("/api/v1")
class RecordsApiController {

    /** Larger bodies are refused before they are parsed. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String ENTITY = "{entityType:[A-Z][A-Za-z0-9]*}";

    private final Records records;
    private final RecordAccess access;

    RecordsApiController(Records records, RecordAccess access) {
        this.records = records;
        this.access = access;
    }

    @GetMapping("/" + ENTITY)
    Map<String, Object> list(@PathVariable String entityType, HttpServletRequest request, HttpServletResponse response,
            Authentication who, @RequestHeader(name = "X-No-Total", required = false) @Nullable String noTotal) {
        return json(request, response, page(records.list(user(who), entityType, listRequest(request, noTotal))));
    }

    @GetMapping("/" + ENTITY + "/{id}")
    Map<String, Object> read(@PathVariable String entityType, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response, Authentication who) {
        return json(request, response, records.read(user(who), entityType, id));
    }

    @PostMapping("/" + ENTITY)
    ResponseEntity<Map<String, Object>> create(@PathVariable String entityType, HttpServletRequest request, Authentication who,
            @RequestHeader(name = "X-Skip-Duplicate-Check", required = false) @Nullable String skip) throws IOException {
        Map<String, Object> created = records.create(user(who), entityType, body(request), "true".equalsIgnoreCase(skip));
        return ResponseEntity.ok(created);
    }

    @RequestMapping(path = "/" + ENTITY + "/{id}", method = {RequestMethod.PUT, RequestMethod.PATCH})
    Map<String, Object> update(@PathVariable String entityType, @PathVariable String id, HttpServletRequest request,
            Authentication who) throws IOException {
        return records.update(user(who), entityType, id, body(request));
    }

    @DeleteMapping("/" + ENTITY + "/{id}")
    boolean delete(@PathVariable String entityType, @PathVariable String id, Authentication who) {
        records.delete(user(who), entityType, id);
        return true;
    }

    /** EspoCRM's {@code POST /Lead/action/convert} with {@code {"id": ..., "records": {"Account": {...}, ...}}}. */
    @PostMapping("/Lead/action/convert")
    Map<String, Object> convertLead(HttpServletRequest request, Authentication who,
            @RequestHeader(name = "X-Skip-Duplicate-Check", required = false) @Nullable String skip) throws IOException {
        Map<String, Object> body = body(request);
        if (!(body.get("id") instanceof String id)) {
            throw CrmApiException.invalid("id", "Send the lead's id.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> records = body.get("records") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        return records(who, id, records, "true".equalsIgnoreCase(skip) || Boolean.TRUE.equals(body.get("skipDuplicateCheck")));
    }

    private Map<String, Object> records(Authentication who, String id, Map<String, Object> records, boolean skip) {
        return this.records.convertLead(user(who), id, records, skip);
    }

    @GetMapping("/" + ENTITY + "/{id}/{link}")
    Map<String, Object> related(@PathVariable String entityType, @PathVariable String id, @PathVariable String link,
            HttpServletRequest request, HttpServletResponse response, Authentication who,
            @RequestHeader(name = "X-No-Total", required = false) @Nullable String noTotal) {
        return json(request, response, page(records.related(user(who), entityType, id, link, listRequest(request, noTotal))));
    }

    @PostMapping("/" + ENTITY + "/{id}/{link}")
    boolean relate(@PathVariable String entityType, @PathVariable String id, @PathVariable String link,
            HttpServletRequest request, Authentication who) throws IOException {
        Map<String, Object> body = body(request);
        @SuppressWarnings("unchecked")
        Map<String, Object> columns = body.get("columns") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        records.relate(user(who), entityType, id, link, ids(body, request), columns);
        return true;
    }

    @DeleteMapping("/" + ENTITY + "/{id}/{link}")
    boolean unrelate(@PathVariable String entityType, @PathVariable String id, @PathVariable String link,
            HttpServletRequest request, Authentication who) throws IOException {
        records.unrelate(user(who), entityType, id, link, ids(body(request), request));
        return true;
    }

    /**
     * A read's answer, once it has been made (a problem detail raised before keeps its own type). When the client asks
     * for JSON plainly (no {@code Accept}, {@code application/json} or {@code *}{@code /*}: Spring MVC's content
     * negotiation picks {@code application/json} for each), the response's type is set here, and Spring MVC writes
     * the body without negotiating (parsing {@code Accept}, asking every message converter what it can write: about
     * 2.5 % of the CPU of bench/crm's list request). Any other {@code Accept} is negotiated as before (a 406 problem
     * for XML, for instance). Same status, headers and body either way.
     */
    static Map<String, Object> json(HttpServletRequest request, HttpServletResponse response, Map<String, Object> body) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || MediaType.APPLICATION_JSON_VALUE.equals(accept) || MediaType.ALL_VALUE.equals(accept)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        return body;
    }

    private CrmUser user(Authentication who) {
        return access.user(who);
    }

    private static Map<String, Object> page(Page page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("list", page.list());
        return answer;
    }

    static ListRequest listRequest(HttpServletRequest request, @Nullable String noTotal) {
        String searchParams = parameter(request, "searchParams");
        if (searchParams != null) {
            return searchParams(searchParams, noTotal);
        }
        String select = parameter(request, "select");
        if (select == null) {
            select = parameter(request, "attributeSelect");
        }
        String[] boolFilters = request.getParameterValues("boolFilterList[]");
        if (boolFilters == null) {
            boolFilters = request.getParameterValues("boolFilterList");
        }
        return listRequest(parameter(request, "maxSize"), parameter(request, "offset"), parameter(request, "orderBy"),
                parameter(request, "order"), select, WhereItem.fromParameters(request.getParameterMap()),
                boolFilters == null ? List.of() : List.of(boolFilters), noTotal);
    }

    /** EspoCRM's {@code searchParams={json}}: every list parameter in one JSON object. */
    private static ListRequest searchParams(String json, @Nullable String noTotal) {
        Map<String, Object> params;
        try {
            Object value = Json.MAPPER.readValue(json, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw CrmApiException.invalid("searchParams", "searchParams must be a JSON object.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            params = map;
        } catch (JacksonException e) {
            throw CrmApiException.invalid("searchParams", "searchParams is not valid JSON.");
        }
        Object select = params.get("select");
        String selectList = select instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : select == null ? null : String.valueOf(select);
        Object bool = params.get("boolFilterList");
        List<String> boolFilters = bool instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return listRequest(text(params.get("maxSize")), text(params.get("offset")), text(params.get("orderBy")),
                text(params.get("order")), selectList, WhereItem.fromJson(params.get("where")), boolFilters, noTotal);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static ListRequest listRequest(@Nullable String maxSizeText, @Nullable String offsetText, @Nullable String orderBy,
            @Nullable String order, @Nullable String select, List<WhereItem> where, List<String> boolFilters, @Nullable String noTotal) {
        int maxSize = integer("maxSize", maxSizeText, 20, 0, RecordQueries.MAX_SIZE);
        int offset = integer("offset", offsetText, 0, 0, 10_000_000);
        if (order != null && !order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw CrmApiException.invalid("order", "order must be asc or desc.");
        }
        boolean descending = order == null ? orderBy == null : order.equalsIgnoreCase("desc");
        List<String> attributes = select == null || select.isBlank() ? null
                : Arrays.stream(select.split(",")).map(String::strip).filter(s -> !s.isEmpty()).limit(300).toList();
        for (String filter : boolFilters) {
            if (!RecordQueries.BOOL_FILTERS.contains(filter)) {
                throw CrmApiException.invalid("boolFilterList", "Unknown filter '" + WhereItem.shorten(filter) + "'; known: "
                        + RecordQueries.BOOL_FILTERS + ".");
            }
        }
        return new ListRequest(maxSize, offset, orderBy, descending, attributes, where, List.copyOf(boolFilters),
                !"true".equalsIgnoreCase(noTotal));
    }

    private static @Nullable String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static int integer(String name, @Nullable String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw CrmApiException.invalid(name, name + " must be a whole number from " + min + " to " + max + ".");
        }
    }

    static Map<String, Object> body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw CrmApiException.invalid("body", "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw CrmApiException.invalid("body", "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            Object value = Json.MAPPER.readValue(bytes, Object.class);
            if (!(value instanceof Map<?, ?> map)) {
                throw CrmApiException.invalid("body", "The body must be a JSON object.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) map;
            return body;
        } catch (JacksonException e) {
            throw CrmApiException.invalid("body", "The body is not valid JSON.");
        }
    }

    private static List<String> ids(Map<String, Object> body, HttpServletRequest request) {
        Object ids = body.containsKey("ids") ? body.get("ids") : body.containsKey("id") ? List.of(String.valueOf(body.get("id")))
                : request.getParameter("id") != null ? List.of(request.getParameter("id")) : null;
        if (!(ids instanceof List<?> list) || list.isEmpty() || list.size() > 500
                || list.stream().anyMatch(id -> !(id instanceof String s) || !Names.ID.matcher(s).matches())) {
            throw CrmApiException.invalid("ids", "Send {\"id\": \"...\"} or {\"ids\": [\"...\"]} (at most 500).");
        }
        return list.stream().map(String.class::cast).toList();
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return problem(e);
    }

    static ResponseEntity<ProblemDetail> problem(CrmApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        e.extra().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
