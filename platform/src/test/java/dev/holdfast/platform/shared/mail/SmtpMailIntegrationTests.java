package dev.holdfast.platform.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.platform.shared.settings.InvalidSettingException;
import dev.holdfast.platform.testing.TestMail;
import dev.holdfast.testkit.Peers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpMailIntegrationTests {

    @Test
    void deliversPlainTextMailToTheConfiguredServer() {
        try (TestMail smtp = new TestMail()) {
            var mail = new SmtpMail(new MailSettings("127.0.0.1", smtp.port(), "none", null, null, "holdfast@test.invalid", null));

            mail.send(new Email("ada@example.org", "Reset your password", "Open this link: https://holdfast.test/r/abc\nBye — Ådä"));

            var received = smtp.awaitMessagesTo("ada@example.org", 1).getFirst();
            assertThat(received.from()).isEqualTo("holdfast@test.invalid");
            assertThat(received.subject()).isEqualTo("Reset your password");
            assertThat(received.text()).contains("https://holdfast.test/r/abc").contains("Bye — Ådä");
        }
    }

    @Test
    void saysSoWhenNoServerIsConfigured() {
        var mail = new SmtpMail(new MailSettings(null, null, null, null, null, null, null));

        assertThat(mail.configured()).isFalse();
        assertThatThrownBy(() -> mail.send(new Email("ada@example.org", "hi", "there")))
                .isInstanceOf(MailNotConfiguredException.class).hasMessageContaining("HOLDFAST_MAIL_HOST");
    }

    @Test
    void reportsAnUnreachableServerAsADeliveryFailure() {
        int closedPort = Peers.freePort();
        var mail = new SmtpMail(new MailSettings("127.0.0.1", closedPort, "none", "ada", "s3cret-password", "holdfast@test.invalid",
                Duration.ofSeconds(2)));

        assertThatThrownBy(() -> mail.send(new Email("ada@example.org", "hi", "there")))
                .isInstanceOf(MailDeliveryException.class).hasMessageContaining("ada@example.org")
                .hasMessageNotContaining("s3cret-password");
    }

    @Test
    void rejectsSettingsItCannotWorkWith() {
        assertThatThrownBy(() -> new MailSettings("smtp.example.org", null, "ssl3", null, null, "a@b", null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("HOLDFAST_MAIL_SECURITY");
        assertThatThrownBy(() -> new MailSettings("smtp.example.org", null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("HOLDFAST_MAIL_FROM");
        assertThat(new MailSettings("smtp.example.org", null, "tls", "u", "pw", "a@b", null).toString()).doesNotContain("pw");
    }

    @Test
    void refusesHeaderInjectionInRecipientOrSubject() {
        assertThatThrownBy(() -> new Email("ada@example.org\nBcc: all@example.org", "hi", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Email("ada@example.org", "hi\r\nBcc: all@example.org", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
