package dev.holdfast.platform.identity.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpSmsGatewayUnitTests {

    @Test
    void placeholdersAreFilledJsonEscapedSoAPhoneNumberCannotBreakTheBody() {
        assertThat(HttpSmsGateway.json("say \"hi\"\\\nbye\u0001")).isEqualTo("say \\\"hi\\\"\\\\\\nbye\\u0001");
    }

    @Test
    void isNotConfiguredWithoutAUrl() {
        assertThat(new HttpSmsGateway(new MfaSettings.Sms(null, null, null, null, null)).configured()).isFalse();
        assertThat(new HttpSmsGateway(new MfaSettings.Sms(null, "https://sms.example/send", null, null, null)).configured()).isTrue();
    }
}
