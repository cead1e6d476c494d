package dev.holdfast.platform.crm.access;

import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The access admin API's refusals as RFC 9457 problem details: 400 with the offending {@code field} (and
 * {@code errors}, field to message, like identity's applications API), 404, 409.
 */
@RestControllerAdvice(assignableTypes = AccessApiController.class)
class AccessApiAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(AccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
            problem.setProperty("errors", Map.of(e.field(), e.getMessage()));
        }
        return ResponseEntity.of(problem).build();
    }

    /** Two requests creating the same name at once: the unique index decides. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(DuplicateKeyException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "That name is taken.")).build();
    }
}
