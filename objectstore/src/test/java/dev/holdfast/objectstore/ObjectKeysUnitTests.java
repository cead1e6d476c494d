package dev.holdfast.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysUnitTests {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "日本語/ファイル", "emoji 😀", ".hidden", "a/.b/..c/...", "x%2F..%2Fy"})
    void acceptsOrdinaryKeys(String key) {
        assertThat(ObjectKeys.requireValidKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc/passwd    | segment '..' is not allowed",
        "a/../b           | segment '..' is not allowed",
        "a/./b            | segment '.' is not allowed",
        "/etc/passwd      | absolute",
        "a//b             | segment '' is not allowed",
        "a/               | ends with '/'",
        "a\\b             | backslash at index 1",
    })
    void rejectsKeysNamingTheRule(String key, String rule) {
        assertThatThrownBy(() -> ObjectKeys.requireValidKey(key))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(rule);
    }

    @org.junit.jupiter.api.Test
    void rejectsEmptyOverlongAndControlCharacterKeys() {
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("")).hasMessage("key is empty");
        assertThat(ObjectKeys.requireValidKey("é".repeat(512))).hasSize(512);
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("é".repeat(513)))
                .hasMessageContaining("longer than 1024 bytes");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a\u0000b"))
                .hasMessageContaining("control character U+0000 at index 1")
                .hasMessageContaining("a\\u0000b");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("bad\uD800"))
                .hasMessageContaining("unpaired surrogate at index 3");
    }

    @org.junit.jupiter.api.Test
    void allowsEmptyPrefixesAndTrailingSlashes() {
        assertThat(ObjectKeys.requireValidPrefix("")).isEmpty();
        assertThat(ObjectKeys.requireValidPrefix("a/b/")).isEqualTo("a/b/");
        assertThat(ObjectKeys.requireValidPrefix("a/b")).isEqualTo("a/b");
        assertThatThrownBy(() -> ObjectKeys.requireValidPrefix("../")).isInstanceOf(InvalidKeyException.class)
                .hasMessageStartingWith("prefix");
    }

    @org.junit.jupiter.api.Test
    void countsAStorePrefixIntoTheLengthLimit() {
        assertThat(ObjectKeys.prefixed("backups/", "k")).isEqualTo("backups/k");
        assertThatThrownBy(() -> ObjectKeys.prefixed("backups/", "k".repeat(1020)))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("with the store's prefix 'backups/' it is longer than 1024 bytes");
    }
}
