package dev.holdfast.platform.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in session's authorities in step with the directory: every change that can alter effective roles
 * bumps {@code identity_directory_revision} ({@link #bump}, in the change's transaction); a session that saw an
 * older revision recomputes its authorities on its next request. One primary-key read per request.
 */
class AuthorityRefresh extends OncePerRequestFilter {

    private static final Table<Record> REVISION = table(name("identity_directory_revision"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("revision"), Long.class);
    static final String SEEN = AuthorityRefresh.class.getName() + ".revision";
    private static final java.util.Set<String> DIRECTORY_AUTHORITIES = java.util.Set.of("ROLE_USER", "ROLE_ADMIN");

    private final DSLContext db;
    private final JooqUsers users;

    AuthorityRefresh(DSLContext db, JooqUsers users) {
        this.db = db;
        this.users = users;
    }

    /** Marks the directory changed; call inside the transaction of the change. */
    static void bump(DSLContext db) {
        db.update(REVISION).set(VALUE, VALUE.plus(1)).where(ID.eq(1)).execute();
    }

    /** Static assets carry no decisions worth a database read. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.svg");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)) {
            Long revision = db.select(VALUE).from(REVISION).where(ID.eq(1)).fetchOne(VALUE);
            if (revision != null && !revision.equals(session.getAttribute(SEEN))) {
                refresh(current, session);
                session.setAttribute(SEEN, revision);
            }
        }
        chain.doFilter(request, response);
    }

    /** Replaces the directory's authorities (ROLE_USER, ROLE_ADMIN) and keeps every other one, e.g. passed factors. */
    private void refresh(Authentication current, HttpSession session) {
        users.findByUsername(current.getName()).ifPresent(user -> {
            Authentication updated = current.toBuilder().authorities(authorities -> {
                authorities.removeIf(authority -> DIRECTORY_AUTHORITIES.contains(authority.getAuthority()));
                authorities.addAll(users.authorities(user.id()));
            }).build();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(updated);
            SecurityContextHolder.setContext(context);
            session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        });
    }
}
