package dev.holdfast.platform.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link Shell} into the model of every page controller as {@code shell}. */
@ControllerAdvice(annotations = Controller.class)
class ShellAdvice {

    private final List<NavigationItem> navigation;

    ShellAdvice(List<NavigationItem> navigation) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getPrincipal());
        boolean admin = signedIn && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        List<NavigationItem> visible = signedIn
                ? navigation.stream().filter(item -> admin || !item.adminOnly()).toList()
                : List.of();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Shell(visible, signedIn ? auth.getName() : null, admin, request.getRequestURI(),
                csrf == null ? null : csrf.getHeaderName(), csrf == null ? null : csrf.getToken(),
                csrf == null ? null : csrf.getParameterName());
    }
}
