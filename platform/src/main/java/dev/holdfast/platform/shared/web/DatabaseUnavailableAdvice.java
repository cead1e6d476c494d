package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.holdfast.platform.shared.database.DatabaseFailures;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * While the database is away, requests that need it answer 503 with {@code Retry-After}: a problem detail for API
 * clients, the error page for browsers. Other failures are left to the usual handling.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

    private final ShellAdvice shell;

    DatabaseUnavailableAdvice(ShellAdvice shell) {
        this.shell = shell;
    }

    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.jooq.exception.DataAccessException.class})
    Object unavailable(RuntimeException exception, HttpServletRequest request, HttpServletResponse response) throws RuntimeException {
        if (!DatabaseFailures.isUnreachable(exception)) {
            throw exception;
        }
        response.setHeader("Retry-After", "5");
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return new ModelAndView("error-page", Map.of("status", 503, "reason", "Service Unavailable", "shell", shell.shell(request)), HttpStatus.SERVICE_UNAVAILABLE);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; try again shortly.");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
