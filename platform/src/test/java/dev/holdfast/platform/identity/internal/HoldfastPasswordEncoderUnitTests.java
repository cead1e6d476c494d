package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldfastPasswordEncoderUnitTests {

    private final HoldfastPasswordEncoder nativeEncoder = new HoldfastPasswordEncoder(1024, 2, 1, true);
    private final HoldfastPasswordEncoder javaEncoder = new HoldfastPasswordEncoder(1024, 2, 1, false);

    @Test
    void usesTheNativeImplementationOnThisPlatform() {
        assertThat(nativeEncoder.isNative()).as("linux-x86-64 and linux-aarch64 ship with argon2-jvm").isTrue();
        assertThat(javaEncoder.isNative()).isFalse();
    }

    @Test
    void nativeAndJavaHashesAreInterchangeable() {
        String byNative = nativeEncoder.encode("Tangerine kites over 7 harbours");
        String byJava = javaEncoder.encode("Tangerine kites over 7 harbours");

        assertThat(byNative).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(javaEncoder.matches("Tangerine kites over 7 harbours", byNative)).isTrue();
        assertThat(nativeEncoder.matches("Tangerine kites over 7 harbours", byJava)).isTrue();
        assertThat(nativeEncoder.matches("tangerine kites over 7 harbours", byJava)).isFalse();
        assertThat(javaEncoder.matches("Tangerine kites over 7 harbour", byNative)).isFalse();
    }

    @Test
    void malformedOrForeignHashesNeverMatchAndAreUpgraded() {
        assertThat(nativeEncoder.matches("x", "$argon2id$v=19$m=1024,t=2,p=1$broken")).isFalse();
        assertThat(nativeEncoder.matches("x", "{bcrypt}$2a$10$abc")).isFalse();
        assertThat(nativeEncoder.upgradeEncoding("$argon2id$v=19$m=512,t=2,p=1$c2FsdA$aGFzaA")).isTrue();
        assertThat(nativeEncoder.upgradeEncoding(nativeEncoder.encode("x"))).isFalse();
    }
}
