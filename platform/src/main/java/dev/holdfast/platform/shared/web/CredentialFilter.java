package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The one way an API chain accepts a credential presented with each request (API keys, bearer tokens, request
 * signatures): a module says how to read its credential from a request ({@link Reader}) and how to check it
 * ({@link Resolver}); this builds Spring Security's {@link AuthenticationFilter} around the two. A request without
 * such a credential passes untouched (to the session, or to the chain's 401); a credential that does not check out
 * is a 401 problem detail ({@link ApiProblems#refused}); one that does is this request's authentication only
 * (stateless: kept in a request attribute, never in a session).
 *
 * @param <C> the module's unchecked credential, e.g. a token string or a parsed signature header
 */
public final class CredentialFilter<C> {

    /** Reads a request's credential. */
    @FunctionalInterface
    public interface Reader<C> {
        /**
         * The credential the request carries, unchecked; {@code null} when it carries none of this API's kinds.
         *
         * @throws org.springframework.security.core.AuthenticationException for a credential this API refuses on
         *         sight (answered as a refused credential)
         */
        @Nullable C read(HttpServletRequest request);
    }

    /** Checks a credential: the authentication it grants, or empty when it is unknown, revoked, expired or wrong. */
    @FunctionalInterface
    public interface Resolver<C> {
        Optional<Authentication> resolve(C credential);
    }

    private final Reader<C> reader;
    private final Resolver<C> resolver;
    private final Function<HttpServletRequest, String> refusal;

    private CredentialFilter(Reader<C> reader, Resolver<C> resolver, Function<HttpServletRequest, String> refusal) {
        this.reader = reader;
        this.resolver = resolver;
        this.refusal = refusal;
    }

    /**
     * @param refusal the problem detail of a refused credential: names the credential, never what was wrong with it
     */
    public static <C> CredentialFilter<C> of(Reader<C> reader, Resolver<C> resolver, Function<HttpServletRequest, String> refusal) {
        return new CredentialFilter<>(reader, resolver, refusal);
    }

    /** Whether the request carries a credential of this kind (then no session and no CSRF token are involved). */
    public boolean presented(HttpServletRequest request) {
        try {
            return reader.read(request) != null;
        } catch (org.springframework.security.core.AuthenticationException refusedOnSight) {
            return true;
        }
    }

    /** The filter; put it before the chain's {@link AuthorizationFilter}. */
    @SuppressWarnings("unchecked")
    public AuthenticationFilter filter() {
        AuthenticationManager manager = candidate -> resolver.resolve(((Presented<C>) candidate).credential)
                .orElseThrow(() -> new BadCredentialsException("credential refused"));
        AuthenticationFilter filter = new AuthenticationFilter(manager, request -> {
            C credential = reader.read(request);
            return credential == null ? null : new Presented<>(credential);
        });
        filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler((request, response, e) -> ApiProblems.refused(response, refusal.apply(request)));
        return filter;
    }

    /**
     * Adds the filter to the chain and makes requests carrying a credential stateless: they need no CSRF token,
     * none is made for them (so nothing creates a session), and no request is saved for after a sign-in.
     */
    public void applyTo(HttpSecurity http) throws Exception {
        http.addFilterBefore(filter(), AuthorizationFilter.class);
        http.csrf(csrf -> csrf.ignoringRequestMatchers(this::presented));
        http.requestCache(cache -> cache.disable());
        http.addFilterAfter((request, response, chain) -> {
            if (presented((HttpServletRequest) request)) {
                request.removeAttribute(CsrfToken.class.getName());
                request.removeAttribute("_csrf");
            }
            chain.doFilter(request, response);
        }, CsrfFilter.class);
    }

    /** An unchecked credential on its way to the resolver; never printed (no secret in toString). */
    private static final class Presented<C> extends AbstractAuthenticationToken {

        private final transient C credential;

        Presented(C credential) {
            super(List.of());
            this.credential = credential;
        }

        @Override
        public Object getCredentials() {
            return "[hidden]";
        }

        @Override
        public Object getPrincipal() {
            return "credential";
        }

        @Override
        public String toString() {
            return "Presented[hidden]";
        }
    }
}
