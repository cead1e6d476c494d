package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Bad requests (unknown path, wrong method, malformed parameters, ...) become RFC 9457 problem details for API
 * clients, and the shell's error page for browsers (a request that accepts HTML), never a stack trace.
 */
@ControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && acceptsHtml(servlet) && servlet.getResponse() != null) {
            try {
                HttpServletResponse response = servlet.getResponse();
                headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                response.sendError(status.value());
                return null;
            } catch (IOException e) {
                // the client went away; fall through to the problem detail
            }
        }
        return super.handleExceptionInternal(exception, body, headers, status, request);
    }

    private static boolean acceptsHtml(ServletWebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
