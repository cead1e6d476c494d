package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BruteForceSettingsUnitTests {

    @Test
    void delaysStartAfterAFewFailuresThenDoubleUpToTheCap() {
        var defaults = IdentitySettings.BruteForce.defaults();

        assertThat(defaults.delayFor(0)).isZero();
        assertThat(defaults.delayFor(2)).isZero();
        assertThat(defaults.delayFor(3)).isEqualTo(Duration.ofMillis(250));
        assertThat(defaults.delayFor(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.delayFor(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.delayFor(8)).isEqualTo(Duration.ofSeconds(8));
        assertThat(defaults.delayFor(1_000)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void bruteForceDefenceIsOnByDefault() {
        var defaults = new IdentitySettings(null, null, null).bruteForce();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.lockoutFailures()).isEqualTo(10);
        assertThat(defaults.lockoutDuration()).isEqualTo(Duration.ofMinutes(15));
    }
}
