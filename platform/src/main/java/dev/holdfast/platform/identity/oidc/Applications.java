package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What administrators do to registered applications, from the admin page or the API: every change is audited
 * ({@code application.created|updated|deleted|secret_rotated}) with the application before and after, as JSON.
 */
class Applications {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OidcClients clients;
    private final AuditLog audit;

    private final BuiltInApplications builtIns;

    Applications(OidcClients clients, AuditLog audit, BuiltInApplications builtIns) {
        this.clients = clients;
        this.audit = audit;
        this.builtIns = builtIns;
    }

    /** Whether this is one of Holdfast's own applications, which can be edited in part but not deleted. */
    boolean isBuiltIn(OidcClient client) {
        return builtIns.isBuiltIn(client.clientId());
    }

    List<OidcClient> list() {
        return clients.list();
    }

    /** @throws NoSuchApplicationException if there is none with this id */
    OidcClient get(String id) {
        return clients.find(id).orElseThrow(() -> new NoSuchApplicationException(id));
    }

    @Transactional
    OidcClients.Registered register(ApplicationForm form, Actor actor) {
        OidcClients.Registered registered = clients.register(form.toRegistration());
        record(actor, "application.created", registered.client(), null, registered.client());
        return registered;
    }

    @Transactional
    OidcClient update(String id, ApplicationForm form, Actor actor) {
        OidcClient before = get(id);
        OidcClients.Registration registration = form.toRegistration();
        if (isBuiltIn(before)) {
            if (!registration.clientId().equals(before.clientId())) {
                throw new ApplicationForm.InvalidApplicationException(
                        Map.of("clientId", "one of Holdfast's own applications keeps its client id"));
            }
            registration = builtIns.pin(registration);
        }
        Optional<OidcClient> other = clients.findByClient(registration.clientId());
        if (other.isPresent() && !other.get().id().equals(id)) {
            throw new DuplicateClientIdException(registration.clientId());
        }
        OidcClient after = clients.update(id, registration);
        record(actor, "application.updated", after, before, after);
        return after;
    }

    /** @return the new secret, shown once */
    @Transactional
    String rotateSecret(String id, Actor actor) {
        OidcClient client = get(id);
        if (!client.confidential()) {
            throw new IllegalArgumentException("a public client has no secret");
        }
        String secret = clients.rotateSecret(id);
        record(actor, "application.secret_rotated", client, null, null);
        return secret;
    }

    @Transactional
    void delete(String id, Actor actor) {
        OidcClient before = get(id);
        if (isBuiltIn(before)) {
            throw new BuiltInApplicationException(before.clientId());
        }
        clients.delete(id);
        record(actor, "application.deleted", before, before, null);
    }

    /** Who made a change, from where. */
    record Actor(String username, @Nullable String clientIp) {}

    private void record(Actor actor, String action, OidcClient client, @Nullable OidcClient before, @Nullable OidcClient after) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client_id", client.clientId());
        if (before != null) {
            details.put("before", JSON.writeValueAsString(ApplicationForm.of(before)));
        }
        if (after != null) {
            details.put("after", JSON.writeValueAsString(ApplicationForm.of(after)));
        }
        audit.record(AuditEvent.of(actor.username(), actor.clientIp(), action, "application:" + client.id(), Outcome.SUCCESS,
                details));
    }
}
