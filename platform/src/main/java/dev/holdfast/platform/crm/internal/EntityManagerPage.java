package dev.holdfast.platform.crm.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the Entity Manager page shows: every entity type with its fields, and the forms' choices. */
public record EntityManagerPage(List<EntityRow> entities, List<String> templates, List<String> fieldTypes,
        @Nullable String notice, @Nullable String problem) {

    /** One entity type. */
    public record EntityRow(String name, boolean custom, List<FieldRow> fields) {}

    /** One field: its name, EspoCRM type and options in words. */
    public record FieldRow(String name, String type, String options) {}
}
