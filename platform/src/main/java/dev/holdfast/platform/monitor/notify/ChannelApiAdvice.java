package dev.holdfast.platform.monitor.notify;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The channels API's refusals as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = {ChannelApiController.class, ChannelSubscriptionApiController.class})
class ChannelApiAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidChannelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Some fields are not valid: " + String.join(", ", e.errors().keySet()) + ".");
        problem.setTitle("Invalid notification channel");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NoSuchChannelException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicate(DuplicateChannelNameException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "That exists already.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** "Send test" reached the provider, which refused, failed or did not answer: a bad gateway, with its status. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> notDelivered(DeliveryFailedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The test message was not delivered: "
                + e.getMessage());
        problem.setTitle("Not delivered");
        if (e.status() != null) {
            problem.setProperty("providerStatus", e.status());
        }
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
