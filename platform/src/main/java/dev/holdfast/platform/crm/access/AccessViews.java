package dev.holdfast.platform.crm.access;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the access admin pages show (public because the precompiled templates live in another package). */
public final class AccessViews {

    private AccessViews() {}

    /** One line of the roles list. */
    public record RoleSummary(String id, String name, String summary) {}

    /** The role editor: a matrix of entity types × actions, and field rules one per line. */
    public record RoleForm(String id, String name, List<Row> rows, String fieldLines) {}

    /** One entity type's scopes in the role editor. */
    public record Row(String entityType, List<Cell> cells) {}

    /** One select of the matrix: form parameter {@code scope.<Type>.<action>}. */
    public record Cell(String action, String parameter, List<String> options, String selected) {}

    public record TeamSummary(String id, String name, @Nullable String description, int members) {}

    /** A team's page; {@code roles}: every role, those the team carries selected. */
    public record TeamPage(String id, String name, @Nullable String description, List<Member> members, List<Choice> roles) {}

    /** One checkbox of a picker. */
    public record Choice(String id, String name, boolean selected) {}

    public record Member(String id, String username, String name) {}

    public record Named(String id, String name) {}

    /** One group's mapping: the names of its roles and teams. */
    public record MappingRow(String group, String roles, String teams) {}

    /** What one user may do, and why: their groups, the roles and teams those give, the combined scopes. */
    public record EffectiveAccess(String username, boolean administrator, boolean enabled, List<String> groups,
            List<String> roles, List<String> teams, List<Row> rows, List<String> fieldRules) {}
}
