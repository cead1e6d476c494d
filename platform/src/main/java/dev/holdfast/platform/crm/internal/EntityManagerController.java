package dev.holdfast.platform.crm.internal;

import dev.holdfast.platform.crm.internal.EntityManagerPage.EntityRow;
import dev.holdfast.platform.crm.internal.EntityManagerPage.FieldRow;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' Entity Manager at {@code /admin/crm/entities}: lists entity types and fields, adds custom
 * entity types and fields (the same {@link EntityManager} as the API). Plain forms that post and redirect back.
 */
@Controller
class EntityManagerController {

    private final MetadataStore metadata;
    private final EntityManager entities;

    EntityManagerController(MetadataStore metadata, EntityManager entities) {
        this.metadata = metadata;
        this.entities = entities;
    }

    @GetMapping("/admin/crm/entities")
    String page(@RequestParam(required = false) @Nullable String done, Model model) {
        model.addAttribute("page", build(done == null ? null : done + " was added.", null));
        return "crm/entity-manager";
    }

    @PostMapping("/admin/crm/entities")
    String createEntity(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "Base") String template,
            Model model, HttpServletResponse response) {
        try {
            return done(entities.createEntity(name.strip(), template).name());
        } catch (CrmApiException e) {
            return problem(e, model, response);
        }
    }

    @PostMapping("/admin/crm/fields")
    String createField(@RequestParam(defaultValue = "") String entityType, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "false") boolean required,
            @RequestParam(defaultValue = "") String maxLength, @RequestParam(defaultValue = "") String options,
            @RequestParam(defaultValue = "") String linkEntity, Model model, HttpServletResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.strip());
        body.put("type", type);
        body.put("required", required);
        if (!options.isBlank()) {
            body.put("options", Arrays.stream(options.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList());
        }
        if (!linkEntity.isBlank()) {
            body.put("entity", linkEntity);
        }
        try {
            if (!maxLength.isBlank()) {
                body.put("maxLength", Integer.parseInt(maxLength.strip()));
            }
            return done(entityType + "." + entities.createField(entityType, body).name());
        } catch (NumberFormatException e) {
            return problem(CrmApiException.invalid("maxLength", "maxLength must be a whole number."), model, response);
        } catch (CrmApiException e) {
            return problem(e, model, response);
        }
    }

    private static String done(String what) {
        return "redirect:/admin/crm/entities?done=" + URLEncoder.encode(what, StandardCharsets.UTF_8);
    }

    private String problem(CrmApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("page", build(null, (e.field() == null ? "" : e.field() + ": ") + e.getMessage()));
        return "crm/entity-manager";
    }

    private EntityManagerPage build(@Nullable String notice, @Nullable String problem) {
        List<EntityRow> rows = new ArrayList<>();
        for (EntityDef entity : metadata.current().all()) {
            List<FieldRow> fields = entity.fields().values().stream().map(field -> new FieldRow(field.name(), field.type().espoName(),
                    describe(field, entity))).toList();
            rows.add(new EntityRow(entity.name(), entity.custom(), fields));
        }
        List<String> types = Arrays.stream(FieldType.values()).filter(t -> t != FieldType.PERSON_NAME && t != FieldType.JSON_ARRAY)
                .map(FieldType::espoName).toList();
        return new EntityManagerPage(rows, EntityManager.TEMPLATES, types, notice, problem);
    }

    private static String describe(FieldDef field, EntityDef entity) {
        List<String> words = new ArrayList<>();
        if (field.required()) {
            words.add("required");
        }
        if (field.readOnly()) {
            words.add("read-only");
        }
        if (field.audited()) {
            words.add("audited");
        }
        if (field.maxLength() != null) {
            words.add("max " + field.maxLength());
        }
        if (!field.options().isEmpty()) {
            words.add("options: " + String.join(", ", field.options()));
        }
        entity.link(field.name()).filter(link -> link.entity() != null).ifPresent(link -> words.add("→ " + link.entity()));
        if (field.custom()) {
            words.add("custom");
        }
        return String.join("; ", words);
    }
}
