package dev.holdfast.platform.crm.access;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A change to roles, teams or group mappings that cannot be made; the message is fit to show the administrator.
 * A bad input names the {@code field} (a JSON path such as {@code permissions.Account.read}).
 */
class AccessException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable String field;

    private AccessException(HttpStatus status, @Nullable String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static AccessException invalid(String field, String message) {
        return new AccessException(HttpStatus.BAD_REQUEST, field, field + ": " + message);
    }

    static java.util.function.Supplier<AccessException> supplier(String field, String message) {
        return () -> invalid(field, message);
    }

    static AccessException notFound(String what) {
        return new AccessException(HttpStatus.NOT_FOUND, null, "No such " + what + ".");
    }

    static AccessException conflict(String field, String message) {
        return new AccessException(HttpStatus.CONFLICT, field, message);
    }

    HttpStatus status() {
        return status;
    }

    @Nullable String field() {
        return field;
    }
}
