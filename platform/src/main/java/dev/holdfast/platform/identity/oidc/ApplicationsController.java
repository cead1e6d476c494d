package dev.holdfast.platform.identity.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The applications admin pages under {@code /admin/identity/applications} (administrators only, by the platform's
 * rule for {@code /admin/**}): list, register, edit, rotate a secret (shown once), delete.
 */
@Controller
class ApplicationsController {

    static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code");
    private static final String BASE = "/admin/identity/applications";

    private final Applications applications;

    ApplicationsController(Applications applications) {
        this.applications = applications;
    }

    @GetMapping(BASE)
    String list(Model model) {
        model.addAttribute("applications", applications.list());
        model.addAttribute("builtIn", applications.list().stream().filter(applications::isBuiltIn).map(OidcClient::clientId)
                .collect(java.util.stream.Collectors.toSet()));
        return "identity/oidc/applications";
    }

    @GetMapping(BASE + "/new")
    String blank(Model model) {
        return form(model, null, new ApplicationForm("", "", true, List.of(), List.of(), List.of("openid", "profile", "email"),
                List.of("authorization_code", "refresh_token"), false, ApplicationForm.DEFAULT_ACCESS_TTL,
                ApplicationForm.DEFAULT_REFRESH_TTL, List.of(), null, null, false,
                OidcClients.DEFAULT_ID_TOKEN_ALGORITHM), Map.of());
    }

    @GetMapping(BASE + "/{id}")
    String edit(@PathVariable String id, Model model) {
        return form(model, id, ApplicationForm.of(applications.get(id)), Map.of());
    }

    @PostMapping(BASE)
    String create(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        ApplicationForm form = parse(params);
        try {
            OidcClients.Registered registered = applications.register(form, actor(request));
            return shown(model, registered.client(), registered.secret());
        } catch (ApplicationForm.InvalidApplicationException e) {
            response.setStatus(400);
            return form(model, null, form, e.errors);
        } catch (DuplicateClientIdException e) {
            response.setStatus(409);
            return form(model, null, form, Map.of("clientId", e.getMessage()));
        }
    }

    @PostMapping(BASE + "/{id}")
    String update(@PathVariable String id, @RequestParam MultiValueMap<String, String> params, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        ApplicationForm form = parse(params);
        try {
            applications.update(id, form, actor(request));
            return "redirect:" + BASE;
        } catch (ApplicationForm.InvalidApplicationException e) {
            response.setStatus(400);
            return form(model, id, form, e.errors);
        } catch (DuplicateClientIdException e) {
            response.setStatus(409);
            return form(model, id, form, Map.of("clientId", e.getMessage()));
        }
    }

    @PostMapping(BASE + "/{id}/secret")
    String rotateSecret(@PathVariable String id, HttpServletRequest request, Model model) {
        String secret = applications.rotateSecret(id, actor(request));
        return shown(model, applications.get(id), secret);
    }

    @PostMapping(BASE + "/{id}/delete")
    String delete(@PathVariable String id, HttpServletRequest request) {
        applications.delete(id, actor(request));
        return "redirect:" + BASE;
    }

    @org.springframework.web.bind.annotation.ExceptionHandler
    void builtIn(BuiltInApplicationException e, HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT, e.getMessage());
    }

    private static String shown(Model model, OidcClient client, @Nullable String secret) {
        model.addAttribute("application", client);
        model.addAttribute("secret", secret == null ? "" : secret);
        return "identity/oidc/application-secret";
    }

    private static String form(Model model, @Nullable String id, ApplicationForm form, Map<String, String> errors) {
        model.addAttribute("id", id == null ? "" : id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("grantTypes", GRANT_TYPES);
        model.addAttribute("idTokenAlgorithms", OidcClients.ID_TOKEN_ALGORITHMS);
        return "identity/oidc/application";
    }

    private static ApplicationForm parse(MultiValueMap<String, String> params) {
        return new ApplicationForm(params.getFirst("clientId"), params.getFirst("name"),
                params.containsKey("confidential"), lines(params.getFirst("redirectUris")),
                lines(params.getFirst("postLogoutRedirectUris")), words(params.getFirst("scopes")),
                params.getOrDefault("grantTypes", List.of()), params.containsKey("requireConsent"),
                number(params.getFirst("accessTokenTtlSeconds")), number(params.getFirst("refreshTokenTtlSeconds")),
                lines(params.getFirst("allowedGroups")), params.getFirst("backchannelLogoutUri"), params.getFirst("homeUri"),
                params.containsKey("requireSecondFactor"), params.getFirst("idTokenSignedResponseAlg"));
    }

    private static List<String> lines(@Nullable String value) {
        return value == null ? List.of() : Arrays.stream(value.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> words(@Nullable String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** A lifetime in seconds; anything not a number is out of range and reported as such. */
    private static @Nullable Long number(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static Applications.Actor actor(HttpServletRequest request) {
        return new Applications.Actor(request.getUserPrincipal().getName(), request.getRemoteAddr());
    }
}
