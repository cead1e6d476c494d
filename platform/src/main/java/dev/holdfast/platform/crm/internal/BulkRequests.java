package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.internal.RecordQueries.Selection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of EspoCRM's {@code POST /Export} and {@code POST /MassAction}, read the same way whether the work is
 * done in the request or later by a job (which keeps the body and reads it again). Bad input is a
 * {@link CrmApiException} naming the member.
 */
final class BulkRequests {

    private BulkRequests() {
    }

    /**
     * {@code {"entityType": "Account", "where": [...] | "searchParams": {"where": [...]} | "ids": [...],
     * "attributeList": [...] | "fieldList": [...], "format": "csv" | "xlsx", "runInIdleProcess": false}}.
     */
    record Export(String entityType, Selection selection, @Nullable List<String> names, boolean fields, ExportFormat format,
            boolean idle) {

        static Export of(Map<String, Object> body) {
            String entityType = entityTypeIn(body);
            ExportFormat format = ExportFormat.named(body.getOrDefault("format", "csv"))
                    .orElseThrow(() -> CrmApiException.invalid("format", "format is csv or xlsx."));
            Selection selection = selectionIn(body, "", false);
            List<String> fieldList = namesIn(body, "fieldList");
            List<String> names = fieldList != null ? fieldList : namesIn(body, "attributeList");
            return new Export(entityType, selection, names, fieldList != null, format, flag(body, "runInIdleProcess"));
        }
    }

    /**
     * {@code {"entityType": "Account", "action": "update" | "delete", "params": {"ids": [...]} | {"where": [...]} |
     * {"searchParams": {"where": [...]}}, "data": {...}, "idle": false}}.
     */
    record MassAction(String entityType, String action, Selection selection, Map<String, Object> data, boolean idle) {

        @SuppressWarnings("unchecked")
        static MassAction of(Map<String, Object> body) {
            String entityType = entityTypeIn(body);
            if (!(body.get("params") instanceof Map<?, ?> raw)) {
                throw CrmApiException.invalid("params", "Send params: {\"ids\": [...]} or {\"where\": [...]}.");
            }
            Selection selection = selectionIn((Map<String, Object>) raw, "params.", true);
            String action = String.valueOf(body.get("action"));
            Map<String, Object> data = Map.of();
            switch (action) {
                case "update" -> {
                    if (!(body.get("data") instanceof Map<?, ?> changes)) {
                        throw CrmApiException.invalid("data", "Send the changes as data: {\"attribute\": value, ...}.");
                    }
                    data = (Map<String, Object>) changes;
                }
                case "delete" -> { }
                default -> throw CrmApiException.invalid("action", "action must be update or delete.");
            }
            return new MassAction(entityType, action, selection, data, flag(body, "idle"));
        }
    }

    private static String entityTypeIn(Map<String, Object> body) {
        if (!(body.get("entityType") instanceof String type) || !type.matches("[A-Z][A-Za-z0-9]{0,99}")) {
            throw CrmApiException.invalid("entityType", "Send the entityType, e.g. \"Account\".");
        }
        return type;
    }

    private static boolean flag(Map<String, Object> body, String member) {
        Object value = body.get(member);
        if (value != null && !(value instanceof Boolean)) {
            throw CrmApiException.invalid(member, member + " is true or false.");
        }
        return Boolean.TRUE.equals(value);
    }

    @SuppressWarnings("unchecked")
    private static Selection selectionIn(Map<String, Object> params, String prefix, boolean required) {
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

    private static @Nullable List<String> namesIn(Map<String, Object> body, String member) {
        Object value = body.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(name -> !(name instanceof String))) {
            throw CrmApiException.invalid(member, member + " must be a list of names.");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
