package dev.holdfast.platform.shared.web;

import dev.holdfast.platform.shared.database.DatabaseFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is away, any request that needs it (sessions live there too) answers 503 with
 * {@code Retry-After}: a problem detail for API clients, a short page for browsers; never a stack trace. Wraps every
 * other filter, so failures in the session and security filters are caught as well as those in controllers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final String PAGE = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Unavailable · Holdfast</title>
            <link rel="stylesheet" href="/webjars/picocss__pico/css/pico.min.css"></head>
            <body><main class="container"><h1>503 · Service Unavailable</h1>
            <p>Holdfast cannot reach its database right now. It keeps trying; reload this page in a few seconds.</p>
            </main></body></html>
            """;
    private static final String PROBLEM = """
            {"type":"about:blank","title":"Database unavailable","status":503,"detail":"The database is unavailable; try again shortly."}""";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseFailures.isUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            unavailable(request, response);
        }
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
        response.setContentType(browser ? MediaType.TEXT_HTML_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(browser ? PAGE : PROBLEM);
    }
}
