package dev.holdfast.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoStringsUnitTests {

    @Test
    void quotesBackslashesAndQuotesLikeGo() {
        assertThat(GoStrings.quote("a\\b")).isEqualTo("a\\\\b");
        assertThat(GoStrings.quote("x\"y")).isEqualTo("x\\\"y");
        assertThat(GoStrings.quote("tab\there\n")).isEqualTo("tab\\there\\n");
        assertThat(GoStrings.quote("\u0001\u007f")).isEqualTo("\\x01\\x7f");
        assertThat(GoStrings.quote("\u00a0")).isEqualTo("\\u00a0");
        assertThat(GoStrings.quote("\u200b")).isEqualTo("\\u200b");
        assertThat(GoStrings.quote("grüße 😀 日本")).isEqualTo("grüße 😀 日本");
    }

    @ParameterizedTest
    @CsvSource({"plain", "a\\b", "'x\"y'", "grüße 😀", "'new\nline'", "bell\u0007"})
    void unquotesWhatItQuoted(String name) {
        assertThat(GoStrings.unquote(GoStrings.quote(name))).isEqualTo(name);
    }

    @Test
    void unquotesOctalAndHexBytes() {
        assertThat(GoStrings.unquote("\\303\\274")).isEqualTo("ü");
        assertThat(GoStrings.unquote("\\xc3\\xbc")).isEqualTo("ü");
    }
}
