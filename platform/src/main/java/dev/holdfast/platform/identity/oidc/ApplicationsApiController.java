package dev.holdfast.platform.identity.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The applications admin API: JSON in and out, RFC 9457 problem details for errors (400 with {@code errors} per
 * field, 404, 409 for a duplicate client id), an administrator's session required (403 otherwise). A confidential
 * application's secret is in the answer to its creation and to a rotation, and nowhere else.
 */
@RestController
@RequestMapping("/api/identity/v1/applications")
class ApplicationsApiController {

    private final Applications applications;

    ApplicationsApiController(Applications applications) {
        this.applications = applications;
    }

    @GetMapping
    List<Map<String, Object>> list(HttpServletRequest request) {
        requireAdmin(request);
        return applications.list().stream().map(client -> json(client, null)).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id, HttpServletRequest request) {
        requireAdmin(request);
        return json(applications.get(id), null);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody ApplicationForm form, HttpServletRequest request) {
        OidcClients.Registered registered = applications.register(form, requireAdmin(request));
        return ResponseEntity.created(URI.create("/api/identity/v1/applications/" + registered.client().id()))
                .body(json(registered.client(), registered.secret()));
    }

    @PutMapping("/{id}")
    Map<String, Object> update(@PathVariable String id, @RequestBody ApplicationForm form, HttpServletRequest request) {
        return json(applications.update(id, form, requireAdmin(request)), null);
    }

    @PostMapping("/{id}/secret")
    Map<String, Object> rotateSecret(@PathVariable String id, HttpServletRequest request) {
        Applications.Actor actor = requireAdmin(request);
        String secret = applications.rotateSecret(id, actor);
        return json(applications.get(id), secret);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        applications.delete(id, requireAdmin(request));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(ApplicationForm.InvalidApplicationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are not valid.");
        problem.setTitle("Invalid application");
        problem.setProperty("errors", e.errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NoSuchApplicationException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicate(DuplicateClientIdException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> builtIn(BuiltInApplicationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage()));
    }

    private static Applications.Actor requireAdmin(HttpServletRequest request) {
        if (request.getUserPrincipal() == null || !request.isUserInRole("ADMIN")) {
            throw new AccessDeniedException("managing applications needs an administrator");
        }
        return new Applications.Actor(request.getUserPrincipal().getName(), request.getRemoteAddr());
    }

    private static Map<String, Object> json(OidcClient client, @Nullable String secret) {
        ApplicationForm form = ApplicationForm.of(client);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", client.id());
        json.put("clientId", form.clientId());
        json.put("name", form.name());
        json.put("confidential", form.confidential());
        json.put("redirectUris", form.redirectUris());
        json.put("postLogoutRedirectUris", form.postLogoutRedirectUris());
        json.put("scopes", form.scopes());
        json.put("grantTypes", form.grantTypes());
        json.put("requireConsent", form.requireConsent());
        json.put("requireSecondFactor", form.requireSecondFactor());
        json.put("idTokenSignedResponseAlg", form.idTokenSignedResponseAlg());
        json.put("accessTokenTtlSeconds", form.accessTokenTtlSeconds());
        json.put("refreshTokenTtlSeconds", form.refreshTokenTtlSeconds());
        json.put("allowedGroups", form.allowedGroups());
        json.put("backchannelLogoutUri", form.backchannelLogoutUri());
        json.put("homeUri", form.homeUri());
        json.put("createdAt", client.createdAt().toString());
        json.put("updatedAt", client.updatedAt().toString());
        if (secret != null) {
            json.put("secret", secret);
        }
        return json;
    }
}
