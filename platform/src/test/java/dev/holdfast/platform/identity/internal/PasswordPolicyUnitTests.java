package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.util.unit.DataSize;

class PasswordPolicyUnitTests {

    private static final String STRONG = "a quiet harbour at noon";

    @TempDir
    Path dir;

    @Test
    void acceptsALongUncommonPassphrase() {
        assertThat(policy(PasswordPolicySettings.defaults()).check(STRONG, "alice", "alice@example.org", "Alice", null).problems())
                .isEmpty();
    }

    @Test
    void refusesAShortPasswordWithTheMinimumInTheMessage() {
        assertThat(policy(PasswordPolicySettings.defaults()).check("Xk4#pq", "alice", null, null, null).problems())
                .containsExactly("Use at least 12 characters.");
    }

    @Test
    void refusesTooFewCharacterClassesWhenConfigured() {
        var settings = new PasswordPolicySettings(null, 3, 0, null, null, null, null, null, null);
        assertThat(policy(settings).check("onlylowercaseletters", "alice", null, null, null).problems())
                .containsExactly("Mix at least 3 of: lower-case letters, upper-case letters, digits, other characters.");
        assertThat(policy(settings).check("Lower and Upper 42", "alice", null, null, null).acceptable()).isTrue();
    }

    @Test
    void refusesThePasswordContainingTheUsernameOrTheEmailsLocalPart() {
        var lenient = new PasswordPolicySettings(null, null, 0, null, null, null, null, null, null);
        assertThat(policy(lenient).check("my name is Alice-Walker ok", "alice-walker", null, null, null).problems())
                .containsExactly("The password must not contain the username.");
        assertThat(policy(lenient).check("write to bwalker soon please", "bob", "BWalker@example.org", null, null).problems())
                .containsExactly("The password must not contain the name part of the email address.");
    }

    @Test
    void refusesAnEasyPasswordWithZxcvbnFeedback() {
        var verdict = policy(PasswordPolicySettings.defaults()).check("password1234", "alice", null, null, null);
        assertThat(verdict.problems()).singleElement().asString()
                .startsWith("This password is too easy to guess (strength 1 of 4, 3 needed)")
                .contains("This is a very common password.");
        assertThat(verdict.suggestions()).isNotEmpty();
    }

    @Test
    void refusesAPasswordOnAPlainBreachedList() throws IOException {
        Path list = Files.write(dir.resolve("breached.txt"), List.of("hunter2", STRONG, "letmein"));
        var verdict = policy(withList(list)).check(STRONG, "alice", null, null, null);
        assertThat(verdict.problems()).containsExactly("This password appears in a list of breached passwords; choose another.");
        assertThat(policy(withList(list)).check("another fine evening walk", "alice", null, null, null).acceptable()).isTrue();
    }

    @Test
    void refusesAPasswordOnAnHibpSha1List() throws IOException {
        Path list = dir.resolve("pwned.txt");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(BreachedPasswords.sha1("filler " + i) + ":" + i);
        }
        lines.add(BreachedPasswords.sha1(STRONG) + ":3");
        Files.write(list, lines.stream().sorted().toList());
        assertThat(policy(withList(list)).check(STRONG, "alice", null, null, null).problems())
                .containsExactly("This password appears in a list of breached passwords; choose another.");
    }

    @Test
    void invalidSettingsStopStartWithTheVariableNamed() {
        assertThatThrownBy(() -> new PasswordPolicySettings(4, null, null, null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("HOLDFAST_IDENTITY_PASSWORD_MIN_LENGTH=4");
        assertThatThrownBy(() -> new PasswordPolicySettings(null, null, 5, null, null, null, null, null, null))
                .hasMessageContaining("HOLDFAST_IDENTITY_PASSWORD_MIN_SCORE=5");
        assertThatThrownBy(() -> new PasswordPolicySettings(null, null, null, dir.resolve("missing"), null, null, null, null, null))
                .hasMessageContaining("HOLDFAST_IDENTITY_PASSWORD_BREACHED_LIST");
        assertThatThrownBy(() -> new PasswordPolicySettings(null, null, null, null, null, Duration.ZERO, null, null, null))
                .hasMessageContaining("HOLDFAST_IDENTITY_PASSWORD_MAX_AGE");
        assertThatThrownBy(() -> new PasswordPolicySettings(null, null, null, null, null, null, DataSize.ofBytes(10), null, null))
                .hasMessageContaining("HOLDFAST_IDENTITY_PASSWORD_HASH_MEMORY");
    }

    private static PasswordPolicySettings withList(Path list) {
        return new PasswordPolicySettings(null, null, null, list, null, null, null, null, null);
    }

    /** No history is consulted without a user id, so the history's database is never touched here. */
    private static PasswordPolicy policy(PasswordPolicySettings settings) {
        return new PasswordPolicy(settings, new PasswordHistory(null), Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
    }
}
