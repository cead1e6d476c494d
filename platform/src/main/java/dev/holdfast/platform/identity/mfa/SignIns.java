package dev.holdfast.platform.identity.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Adds a passed factor to the current sign-in, the way Spring Security's own multi-factor filters merge a
 * further authentication into the existing one, and gives the session a new id.
 */
@Component("factorSignIns")
class SignIns {

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    void addFactor(Authentication current, Factor factor, HttpServletRequest request, HttpServletResponse response) {
        addFactor(current, factor, request, response, true);
    }

    /**
     * As above; {@code newSessionId} false keeps the session id, for when the response is already written (a
     * factor enrolled by a signed-in user counts as passed for that sign-in: it proved the user holds it).
     */
    void addFactor(Authentication current, Factor factor, HttpServletRequest request, HttpServletResponse response,
            boolean newSessionId) {
        Authentication upgraded = current.toBuilder()
                .authorities(authorities -> authorities.add(FactorGrantedAuthority.fromAuthority(factor.authority())))
                .build();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(upgraded);
        contexts.setContext(context);
        if (newSessionId) {
            request.changeSessionId();
        }
        repository.saveContext(context, request, response);
    }
}
