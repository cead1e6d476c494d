package dev.holdfast.platform.identity.oidc;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where a user not in an application's allowed groups ends (see {@link GroupRestriction}); answered with 403. */
@Controller
class AccessDeniedController {

    private final OidcClients clients;

    AccessDeniedController(OidcClients clients) {
        this.clients = clients;
    }

    @GetMapping(GroupRestriction.DENIED_PAGE)
    String denied(@RequestParam(name = "client_id", defaultValue = "") String clientId, HttpServletResponse response,
            Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("application", clients.findByClient(clientId).map(OidcClient::name).orElse("this application"));
        return "identity/oidc/access-denied";
    }
}
