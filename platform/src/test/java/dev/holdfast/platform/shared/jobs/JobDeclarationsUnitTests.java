package dev.holdfast.platform.shared.jobs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobDeclarationsUnitTests {

    @Test
    void jobNamesAreLowerCaseWordsSeparatedByDotsOrDashes() {
        assertThatCode(() -> new RecurringJob("identity.setup-token-cleanup", "0 0 * * * *", () -> {})).doesNotThrowAnyException();
        assertThatThrownBy(() -> new RecurringJob("Identity Cleanup", "0 0 * * * *", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Identity Cleanup");
        assertThatThrownBy(() -> new OneOffJob<>("crm..send", String.class, payload -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OneOffJob<>("a".repeat(101), String.class, payload -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recurringJobNeedsACronExpressionOrDashForDisabled() {
        assertThatThrownBy(() -> new RecurringJob("crm.digest", " ", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use - to disable");
        assertThatCode(() -> new RecurringJob("crm.digest", "-", () -> {})).doesNotThrowAnyException();
    }
}
