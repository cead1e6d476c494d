package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Key rotation: published before it signs, kept until its tokens expire, then gone. */
class SigningKeysIntegrationTests {

    private static final Duration ROTATION = Duration.ofDays(90);
    private static final Duration LEAD = Duration.ofDays(1);
    private static final Duration MAX_TOKEN = Duration.ofDays(1);

    @DatabaseTest
    void publishesTheNextKeyBeforeItSignsAndRetiresTheOldOneAfterItsTokensExpire(TestDatabase db) throws Exception {
        db.startNode().close(); // migrates the schema
        db.dsl().deleteFrom(SigningKeys.KEY).execute();
        MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
        SigningKeys keys = new SigningKeys(db.dsl(), clock, ROTATION, LEAD, MAX_TOKEN);

        keys.rotate();
        for (KeyType type : List.of(KeyType.RSA, KeyType.EC)) {
            assertThat(published(keys, type)).as("a fresh installation signs with an %s key at once", type).hasSize(1);
        }
        String first = signer(keys, KeyType.RSA);
        String firstEc = signer(keys, KeyType.EC);
        assertThat(published(keys, KeyType.RSA)).containsExactly(first);
        assertThat(published(keys, KeyType.EC)).containsExactly(firstEc);

        clock.advance(ROTATION.minus(LEAD));
        keys.rotate();
        assertThat(published(keys, KeyType.RSA)).as("the next key is published a day early").hasSize(2).contains(first);
        assertThat(published(keys, KeyType.EC)).as("the next EC key too").hasSize(2).contains(firstEc);
        assertThat(signer(keys, KeyType.RSA)).as("but the old key still signs").isEqualTo(first);
        assertThat(signer(keys, KeyType.EC)).isEqualTo(firstEc);

        clock.advance(LEAD);
        keys.rotate();
        String second = signer(keys, KeyType.RSA);
        String secondEc = signer(keys, KeyType.EC);
        assertThat(second).isNotEqualTo(first);
        assertThat(secondEc).isNotEqualTo(firstEc);
        assertThat(published(keys, KeyType.RSA)).as("the old key stays while its tokens live").containsExactlyInAnyOrder(first, second);
        assertThat(published(keys, KeyType.EC)).containsExactlyInAnyOrder(firstEc, secondEc);

        clock.advance(MAX_TOKEN.plusMinutes(1));
        keys.rotate();
        assertThat(published(keys, KeyType.RSA)).containsExactly(second);
        assertThat(published(keys, KeyType.EC)).containsExactly(secondEc);
    }

    /**
     * An installation from before EC keys (an RSA key only) gets an EC key that is published before it signs, as a
     * rotated key is: relying parties that cached the JWK Set must not meet an ES256 token from an unknown key.
     */
    @DatabaseTest
    void anEcKeyAddedToAnExistingInstallationIsPublishedBeforeItSigns(TestDatabase db) throws Exception {
        db.startNode().close();
        db.dsl().deleteFrom(SigningKeys.KEY).execute();
        MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("old-rsa").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        db.dsl().insertInto(SigningKeys.KEY).set(SigningKeys.KID, rsa.getKeyID()).set(SigningKeys.JWK_JSON, rsa.toJSONString())
                .set(SigningKeys.CREATED_AT, clock.millis()).set(SigningKeys.SIGNS_FROM, clock.millis() - 1000).execute();
        SigningKeys keys = new SigningKeys(db.dsl(), clock, ROTATION, LEAD, MAX_TOKEN);

        keys.rotate();
        assertThat(published(keys, KeyType.EC)).as("the new EC key is published").hasSize(1);
        assertThat(keys.signsWith(KeyType.EC)).as("but does not sign yet").isFalse();
        assertThat(signers(keys)).containsExactly("old-rsa");

        clock.advance(LEAD);
        assertThat(keys.signsWith(KeyType.EC)).as("it signs once the publish lead has passed").isTrue();
        assertThat(signers(keys)).hasSize(2).contains("old-rsa", published(keys, KeyType.EC).getFirst());
    }

    private static String signer(SigningKeys keys, KeyType type) throws Exception {
        List<JWK> signers = keys.signing().get(new JWKSelector(new JWKMatcher.Builder().keyType(type).build()), null);
        assertThat(signers).as("one %s key signs", type).hasSize(1);
        return signers.getFirst().getKeyID();
    }

    private static List<String> signers(SigningKeys keys) throws Exception {
        return keys.signing().get(new JWKSelector(new JWKMatcher.Builder().build()), null).stream().map(JWK::getKeyID).toList();
    }

    private static List<String> published(SigningKeys keys, KeyType type) throws Exception {
        return keys.published().get(new JWKSelector(new JWKMatcher.Builder().keyType(type).build()), null).stream()
                .map(JWK::getKeyID).toList();
    }

    /** A clock the test moves forward (the keys' cache reloads after a minute of it). */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
