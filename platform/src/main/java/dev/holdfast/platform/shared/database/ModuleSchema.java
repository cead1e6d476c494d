package dev.holdfast.platform.shared.database;

/**
 * A module's own database schema: its Flyway migrations live in {@code classpath:db/<module>/common} (both
 * databases) and, only where unavoidable, {@code classpath:db/<module>/sqlite} or {@code db/<module>/postgresql}.
 * Each module keeps its own history table ({@code flyway_history_<module>}), so modules version their schemas
 * independently. A module declares one as a bean.
 *
 * @param module the module's name, lower case, e.g. {@code identity}
 * @param order modules with a lower order migrate first (the shared kernel is 0)
 */
public record ModuleSchema(String module, int order) {

    public ModuleSchema {
        if (!module.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("module schema name must be lower-case letters, digits and _: " + module);
        }
    }
}
