package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The monitoring API's refusals as RFC 9457 problem details: 400 with {@code errors} per field, 404 unknown. */
@RestControllerAdvice(assignableTypes = {MonitorApiController.class, MaintenanceApiController.class, TagApiController.class, ApiKeyApiController.class})
class MonitorApiAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InvalidMonitorException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid " + String.join(", ", e.errors().keySet()) + ".");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(NoSuchMonitorException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such monitor.")).build();
    }
}
