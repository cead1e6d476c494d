package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the API security filter chains themselves (401 and 403 happen before any
 * controller, so MVC's {@link ProblemDetailsAdvice} never sees them). Every API chain answers its refusals here, so
 * they look alike: {@code application/problem+json} with {@code type}, {@code title}, {@code status} and
 * {@code detail}; a 401 also says {@code WWW-Authenticate: Bearer} (RFC 6750), with {@code error="invalid_token"}
 * when a credential was presented and refused. Thread-safe; the detail must not contain secrets.
 */
public final class ApiProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The {@code WWW-Authenticate} value of a 401 without any credential. */
    public static final String BEARER_CHALLENGE = "Bearer";
    /** The {@code WWW-Authenticate} value of a 401 whose credential was refused. */
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private ApiProblems() {
    }

    /** Writes the problem detail; a 401 gets the plain {@value #BEARER_CHALLENGE} challenge unless one is set already. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED && !response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    /** Writes a 401 for a credential that was presented and refused ({@value #INVALID_TOKEN_CHALLENGE}). */
    public static void refused(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN_CHALLENGE);
        write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    /** The chain's answer to a request without (valid) credentials: 401 with {@code detail}. */
    public static AuthenticationEntryPoint unauthorized(String detail) {
        return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    /** The chain's answer to a request whose credentials do not permit it: 403 with the detail for that request. */
    public static AccessDeniedHandler forbidden(Function<HttpServletRequest, String> detail) {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, detail.apply(request));
    }

    /**
     * A filter answering 400 (or {@code status}) to a request whose declared body is larger than {@code maxBytes},
     * before anything reads it.
     */
    public static jakarta.servlet.Filter bodyLimit(long maxBytes, HttpStatus status,
            java.util.function.Predicate<HttpServletRequest> exempt) {
        return (request, response, chain) -> {
            if (request.getContentLengthLong() > maxBytes && !exempt.test((HttpServletRequest) request)) {
                write((HttpServletResponse) response, status, "The request body is larger than " + maxBytes / 1024 + " KiB.");
                return;
            }
            chain.doFilter(request, response);
        };
    }
}
