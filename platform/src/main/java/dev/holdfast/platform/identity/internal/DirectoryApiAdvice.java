package dev.holdfast.platform.identity.internal;

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
}
