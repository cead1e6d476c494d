package dev.holdfast.platform.crm.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.crm.access.CrmRole.FieldAccess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTableUnitTests {

    private static CrmRole role(String name, Map<String, Map<Action, Scope>> permissions, Map<String, Map<String, FieldAccess>> fields) {
        return new CrmRole(name, name, permissions, fields);
    }

    private final CrmRole salesman = role("Salesman",
            Map.of("Account", Map.of(Action.CREATE, Scope.ALL, Action.READ, Scope.TEAM, Action.EDIT, Scope.OWN, Action.DELETE, Scope.NO)),
            Map.of("Account", Map.of("phone", FieldAccess.READ_ONLY, "revenue", FieldAccess.HIDDEN)));
    private final CrmRole manager = role("Manager",
            Map.of("Account", Map.of(Action.READ, Scope.ALL, Action.EDIT, Scope.TEAM), "Lead", Map.of(Action.READ, Scope.OWN)),
            Map.of("Account", Map.of("revenue", FieldAccess.READ_ONLY)));
    private final CrmRole support = role("Support", Map.of("Case", Map.of(Action.READ, Scope.ALL)), Map.of());

    @Test
    void theMostPermissiveScopeOfAnyRoleWins() {
        AccessTable both = AccessTable.combine(List.of(salesman, manager));

        assertThat(both.scope("Account", Action.READ)).isEqualTo(Scope.ALL);
        assertThat(both.scope("Account", Action.EDIT)).isEqualTo(Scope.TEAM);
        assertThat(both.scope("Account", Action.CREATE)).isEqualTo(Scope.ALL);
        assertThat(both.scope("Lead", Action.READ)).isEqualTo(Scope.OWN);
        assertThat(AccessTable.combine(List.of(manager, salesman)).scope("Account", Action.EDIT)).isEqualTo(Scope.TEAM);
    }

    @Test
    void whatNoRoleGrantsIsRefused() {
        AccessTable salesmanOnly = AccessTable.combine(List.of(salesman));

        assertThat(salesmanOnly.scope("Account", Action.DELETE)).isEqualTo(Scope.NO);
        assertThat(salesmanOnly.scope("Account", Action.STREAM)).isEqualTo(Scope.NO);
        assertThat(salesmanOnly.scope("Opportunity", Action.READ)).isEqualTo(Scope.NO);
        assertThat(AccessTable.NONE.scope("Account", Action.READ)).isEqualTo(Scope.NO);
    }

    @Test
    void editingNeverReachesFurtherThanReading() {
        CrmRole odd = role("Odd", Map.of("Task", Map.of(Action.READ, Scope.OWN, Action.EDIT, Scope.ALL, Action.DELETE, Scope.TEAM)), Map.of());

        AccessTable table = AccessTable.combine(List.of(odd));

        assertThat(table.scope("Task", Action.EDIT)).isEqualTo(Scope.OWN);
        assertThat(table.scope("Task", Action.DELETE)).isEqualTo(Scope.OWN);
    }

    @Test
    void aFieldIsRestrictedOnlyWhileEveryRoleAboutItsEntityRestrictsIt() {
        AccessTable salesmanOnly = AccessTable.combine(List.of(salesman));
        assertThat(salesmanOnly.canRead("Account", "phone")).isTrue();
        assertThat(salesmanOnly.canEdit("Account", "phone")).isFalse();
        assertThat(salesmanOnly.canRead("Account", "revenue")).isFalse();
        assertThat(salesmanOnly.canEdit("Account", "revenue")).isFalse();
        assertThat(salesmanOnly.canEdit("Account", "name")).as("a field no role names").isTrue();

        AccessTable withManager = AccessTable.combine(List.of(salesman, manager));
        assertThat(withManager.canEdit("Account", "phone")).as("the manager does not restrict phone").isTrue();
        assertThat(withManager.canRead("Account", "revenue")).as("the manager lets revenue be read").isTrue();
        assertThat(withManager.canEdit("Account", "revenue")).isFalse();

        AccessTable withSupport = AccessTable.combine(List.of(salesman, support));
        assertThat(withSupport.canEdit("Account", "phone")).as("a role about cases does not loosen accounts").isFalse();
    }

    @Test
    void aFieldThatCannotBeReadCannotBeEdited() {
        assertThat(new FieldAccess(false, true).edit()).isFalse();
        assertThat(FieldAccess.READ_ONLY.or(FieldAccess.HIDDEN)).isEqualTo(FieldAccess.READ_ONLY);
    }
}
