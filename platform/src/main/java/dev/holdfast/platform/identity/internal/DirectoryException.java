package dev.holdfast.platform.identity.internal;

import org.springframework.http.HttpStatus;

/**
 * An administrative change to the directory that cannot be made; the message says why in words fit to show the
 * administrator. The status is what the API answers (as problem details).
 */
class DirectoryException extends RuntimeException {

    private final HttpStatus status;

    DirectoryException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static DirectoryException notFound(String what) {
        return new DirectoryException(HttpStatus.NOT_FOUND, "No such " + what + ".");
    }

    static DirectoryException conflict(String message) {
        return new DirectoryException(HttpStatus.CONFLICT, message);
    }

    static DirectoryException invalid(String message) {
        return new DirectoryException(HttpStatus.BAD_REQUEST, message);
    }
}
