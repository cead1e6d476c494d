package dev.holdfast.platform.monitor.web;

import dev.holdfast.platform.monitor.InvalidMonitorException;
import dev.holdfast.platform.monitor.NoSuchMonitorException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * The monitoring API's refusals as RFC 9457 problem details: 400 with {@code errors} per field (also for a value of
 * the wrong type in the JSON body), 404 unknown. Ahead of the platform's generic handler, which names no field.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {MonitorApiController.class, MaintenanceApiController.class, TagApiController.class, ApiKeyApiController.class})
class MonitorApiAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InvalidMonitorException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid " + String.join(", ", e.errors().keySet()) + ".");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.of(problem).build();
    }

    /** An unreadable body: names the field whose value has the wrong type ({@code interval}, {@code tags[0].name}). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpMessageNotReadableException e) {
        String field = null;
        for (Throwable cause = e.getCause(); cause != null && field == null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                field = path.isEmpty() ? null : path.toString();
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                field == null ? "The body is not the JSON this API expects." : "Invalid " + field + ".");
        problem.setProperty("errors", Map.of(field == null ? "(body)" : field, field == null ? "well-formed JSON is required"
                : "a value of the wrong kind (e.g. text where a number belongs)"));
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(NoSuchMonitorException e) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such monitor.")).build();
    }
}
