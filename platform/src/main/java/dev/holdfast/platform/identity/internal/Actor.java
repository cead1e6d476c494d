package dev.holdfast.platform.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/** Who makes an administrative change, and from where: what the audit log records as actor and client address. */
record Actor(String name, @Nullable String clientIp) {

    static Actor of(Principal principal, HttpServletRequest request) {
        return new Actor(principal.getName(), request.getRemoteAddr());
    }
}
