package dev.holdfast.platform.identity.oidc;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No registered application has this id (a 404 on the admin pages). */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NoSuchApplicationException extends RuntimeException {

    NoSuchApplicationException(String id) {
        super("no such application: " + id);
    }
}
