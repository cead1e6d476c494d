package dev.holdfast.platform.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.identity.internal.HoldfastPasswordEncoder.Implementation;
import org.junit.jupiter.api.Test;

class HoldfastPasswordEncoderUnitTests {

    private static final String PASSWORD = "Tangerine kites over 7 harbours";

    private final HoldfastPasswordEncoder sodiumEncoder = new HoldfastPasswordEncoder(1024, 2, 1, true, true);
    private final HoldfastPasswordEncoder referenceEncoder = new HoldfastPasswordEncoder(1024, 2, 1, false, true);
    private final HoldfastPasswordEncoder javaEncoder = new HoldfastPasswordEncoder(1024, 2, 1, false, false);

    @Test
    void usesLibsodiumOnThisPlatformAndTheReferenceCodeForMoreThanOneLane() {
        assertThat(sodiumEncoder.implementation()).as("lazysodium ships libsodium for linux x86-64 and aarch64")
                .isEqualTo(Implementation.LIBSODIUM);
        assertThat(referenceEncoder.implementation()).as("argon2-jvm ships the reference code for linux x86-64 and aarch64")
                .isEqualTo(Implementation.REFERENCE);
        assertThat(javaEncoder.implementation()).isEqualTo(Implementation.JAVA);
        assertThat(javaEncoder.isNative()).isFalse();

        HoldfastPasswordEncoder twoLanes = new HoldfastPasswordEncoder(1024, 2, 2, true, true);
        assertThat(twoLanes.implementation()).isEqualTo(Implementation.REFERENCE);
        String hash = twoLanes.encode(PASSWORD);
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=2,p=2$");
        assertThat(sodiumEncoder.matches(PASSWORD, hash)).isTrue();
        assertThat(javaEncoder.matches(PASSWORD, hash)).isTrue();
    }

    @Test
    void hashesOfEveryImplementationAreInterchangeable() {
        HoldfastPasswordEncoder[] encoders = {sodiumEncoder, referenceEncoder, javaEncoder};
        for (HoldfastPasswordEncoder by : encoders) {
            String hash = by.encode(PASSWORD);
            assertThat(hash).as(by.implementation().name()).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
            for (HoldfastPasswordEncoder checker : encoders) {
                String pair = by.implementation() + " → " + checker.implementation();
                assertThat(checker.matches(PASSWORD, hash)).as(pair).isTrue();
                assertThat(checker.matches("tangerine kites over 7 harbours", hash)).as(pair).isFalse();
                assertThat(checker.matches(PASSWORD.substring(1), hash)).as(pair).isFalse();
            }
        }
        assertThat(sodiumEncoder.encode(PASSWORD)).as("a fresh salt every time").isNotEqualTo(sodiumEncoder.encode(PASSWORD));
    }

    @Test
    void passwordsBeyondAsciiHashTheSameEverywhere() {
        String password = "Zwölf Boxkämpfer jagen Viktor — 🦊";
        String bySodium = sodiumEncoder.encode(password);
        assertThat(javaEncoder.matches(password, bySodium)).isTrue();
        assertThat(sodiumEncoder.matches(password, javaEncoder.encode(password))).isTrue();
    }

    @Test
    void malformedOrForeignHashesNeverMatchAndAreUpgraded() {
        for (HoldfastPasswordEncoder encoder : new HoldfastPasswordEncoder[] {sodiumEncoder, referenceEncoder}) {
            assertThat(encoder.matches("x", "$argon2id$v=19$m=1024,t=2,p=1$broken")).isFalse();
            assertThat(encoder.matches("x", "{bcrypt}$2a$10$abc")).isFalse();
            assertThat(encoder.upgradeEncoding("$argon2id$v=19$m=512,t=2,p=1$c2FsdA$aGFzaA")).isTrue();
            assertThat(encoder.upgradeEncoding(encoder.encode("x"))).isFalse();
        }
    }
}
