package dev.holdfast.platform.identity.internal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The identity admin API's refusals as RFC 9457 problem details (400 bad input, 404 unknown, 409 conflict). */
@RestControllerAdvice(assignableTypes = {UsersApiController.class, GroupsApiController.class, RolesApiController.class,
        ServiceAccountsApiController.class})
class DirectoryApiAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(DirectoryException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(e.status(), e.getMessage())).build();
    }

    /** Two requests creating the same name at once: the unique index decides, the loser gets what a later one would. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(DuplicateKeyException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "That name is taken.")).build();
    }
}
