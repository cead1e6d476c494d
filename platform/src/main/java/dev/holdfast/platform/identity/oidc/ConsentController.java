package dev.holdfast.platform.identity.oidc;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Asks the user before an application first gets their identity (when the application requires consent). */
@Controller
class ConsentController {

    private final OidcClients clients;
    private final JooqConsents consents;

    ConsentController(OidcClients clients, JooqConsents consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam("client_id") String clientId, @RequestParam(defaultValue = "") String scope,
            @RequestParam String state, @RequestParam(name = "user_code", defaultValue = "") String userCode,
            Principal principal, Model model) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no application with client id " + clientId);
        }
        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), principal.getName());
        List<String> granted = previous == null ? List.of()
                : previous.getScopes().stream().toList();
        List<String> asked = new ArrayList<>();
        for (String one : Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).toList()) {
            if (!one.equals(OidcScopes.OPENID) && !granted.contains(one)) {
                asked.add(one);
            }
        }
        model.addAttribute("clientId", client.getClientId());
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("state", state);
        model.addAttribute("userCode", userCode);
        model.addAttribute("action", userCode.isEmpty() ? "/oauth2/authorize" : "/oauth2/device_verification");
        model.addAttribute("scopes", asked);
        model.addAttribute("alreadyGranted", granted.stream().filter(s -> !s.equals(OidcScopes.OPENID)).toList());
        return "identity/oidc/consent";
    }

}
