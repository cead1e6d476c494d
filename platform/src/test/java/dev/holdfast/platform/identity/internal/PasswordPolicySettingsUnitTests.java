package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PasswordPolicySettingsUnitTests {

    @Test
    void theDocumentedEnvironmentVariablesSetThePolicyAndTheSessionLimits() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "HOLDFAST_IDENTITY_PASSWORD_MIN_LENGTH", "16",
                "HOLDFAST_IDENTITY_PASSWORD_CHARACTER_CLASSES", "2",
                "HOLDFAST_IDENTITY_PASSWORD_MAX_AGE", "90d",
                "HOLDFAST_IDENTITY_PASSWORD_HASH_MEMORY", "64MB",
                "HOLDFAST_IDENTITY_SESSION_IDLE_TIMEOUT", "10m",
                "HOLDFAST_IDENTITY_SESSION_ABSOLUTE_TIMEOUT", "8h")));
        Binder binder = new Binder(ConfigurationPropertySources.get(environment));

        PasswordPolicySettings password = binder.bind("holdfast.identity.password", PasswordPolicySettings.class).get();
        assertThat(password.minLength()).isEqualTo(16);
        assertThat(password.characterClasses()).isEqualTo(2);
        assertThat(password.maxAge()).isEqualTo(Duration.ofDays(90));
        assertThat(password.hashMemoryKib()).isEqualTo(64 * 1024);
        SessionSettings session = binder.bind("holdfast.identity.session", SessionSettings.class).get();
        assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(session.absoluteTimeout()).isEqualTo(Duration.ofHours(8));
    }
}
