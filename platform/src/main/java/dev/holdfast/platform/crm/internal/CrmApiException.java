package dev.holdfast.platform.crm.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal of the record API, answered as an RFC 9457 problem detail: 400 naming the field, 403, 404 or 409.
 *
 * @param field the request parameter or attribute at fault, named as the client sent it ({@code where[0][value]})
 * @param extra more members of the problem detail (the duplicates of a 409, the current version number)
 */
class CrmApiException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable String field;
    private final Map<String, Object> extra;

    CrmApiException(HttpStatus status, @Nullable String field, String detail, Map<String, Object> extra) {
        super(detail);
        this.status = status;
        this.field = field;
        this.extra = Map.copyOf(extra);
    }

    static CrmApiException invalid(String field, String detail) {
        return new CrmApiException(HttpStatus.BAD_REQUEST, field, detail, Map.of());
    }

    /** Also for records the user may not read: the answer must not tell whether it exists. */
    static CrmApiException notFound(String entity) {
        return new CrmApiException(HttpStatus.NOT_FOUND, null, "No such " + entity + " record.", Map.of());
    }

    static CrmApiException forbidden(String detail) {
        return new CrmApiException(HttpStatus.FORBIDDEN, null, detail, Map.of());
    }

    static CrmApiException conflict(String detail, Map<String, Object> extra) {
        return new CrmApiException(HttpStatus.CONFLICT, null, detail, extra);
    }

    HttpStatus status() {
        return status;
    }

    @Nullable String field() {
        return field;
    }

    Map<String, Object> extra() {
        return extra;
    }
}
