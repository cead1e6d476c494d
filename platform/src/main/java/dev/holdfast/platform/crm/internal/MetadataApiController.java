package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.access.RecordAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The metadata ({@code GET /api/v1/Metadata}), the OpenAPI document made from it ({@code /api/v1/openapi.json}),
 * and the administrators' Entity Manager: {@code POST /api/v1/EntityManager/action/createEntity} and
 * {@code POST /api/v1/Admin/fieldManager/{Entity}}, effective at once on every node.
 */
@RestController
@RequestMapping("/api/v1")
class MetadataApiController {

    private final MetadataStore metadata;
    private final EntityManager entities;
    private final RecordAccess access;

    MetadataApiController(MetadataStore metadata, EntityManager entities, RecordAccess access) {
        this.metadata = metadata;
        this.entities = entities;
        this.access = access;
    }

    @GetMapping("/Metadata")
    Map<String, Object> metadata() {
        return metadata.current().toJson();
    }

    @GetMapping("/openapi.json")
    Map<String, Object> openApi() {
        return OpenApiDocument.of(metadata.current());
    }

    @PostMapping("/EntityManager/action/createEntity")
    Map<String, Object> createEntity(HttpServletRequest request, Authentication who) throws IOException {
        administrator(who);
        Map<String, Object> body = RecordsApiController.body(request);
        String name = body.get("name") instanceof String n ? n : "";
        String type = body.get("type") instanceof String t ? t : "Base";
        EntityDef entity = entities.createEntity(name, type);
        return Map.of("name", entity.name());
    }

    @PostMapping("/Admin/fieldManager/{entityType}")
    Map<String, Object> createField(@PathVariable String entityType, HttpServletRequest request, Authentication who) throws IOException {
        administrator(who);
        FieldDef field = entities.createField(entityType, RecordsApiController.body(request));
        Map<String, Object> answer = new java.util.LinkedHashMap<>(field.toMetadata());
        answer.put("name", field.name());
        return answer;
    }

    private void administrator(Authentication who) {
        if (!access.user(who).administrator()) {
            throw CrmApiException.forbidden("Only administrators may change entity types and fields.");
        }
    }

    @ExceptionHandler(CrmApiException.class)
    ResponseEntity<ProblemDetail> refused(CrmApiException e) {
        return RecordsApiController.problem(e);
    }

    /** Two administrators added the same name at the same moment: the second one's transaction lost. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> taken(org.springframework.dao.DuplicateKeyException e) {
        return RecordsApiController.problem(CrmApiException.conflict("That name was just taken; reload the metadata.", Map.of()));
    }
}
