package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminAuditUnitTests {

    @Test
    void recordsOnlyTheFieldsThatChangedWithBeforeAndAfter() {
        var details = AdminAudit.diff(Map.of("name", "Ops", "description", "same", "attribute.old", "x"),
                Map.of("name", "Operations", "description", "same", "attribute.new", "y"));

        assertThat(details).containsExactly(
                Map.entry("before.attribute.new", ""), Map.entry("after.attribute.new", "y"),
                Map.entry("before.attribute.old", "x"), Map.entry("after.attribute.old", ""),
                Map.entry("before.name", "Ops"), Map.entry("after.name", "Operations"));
    }

    @Test
    void aCreationHasOnlyAfterValues() {
        assertThat(AdminAudit.diff(Map.of(), Map.of("username", "bob")))
                .containsExactly(Map.entry("before.username", ""), Map.entry("after.username", "bob"));
    }
}
