package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
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
        String first = signer(keys);
        assertThat(published(keys)).containsExactly(first);

        clock.advance(ROTATION.minus(LEAD));
        keys.rotate();
        assertThat(published(keys)).as("the next key is published a day early").hasSize(2).contains(first);
        assertThat(signer(keys)).as("but the old key still signs").isEqualTo(first);

        clock.advance(LEAD);
        keys.rotate();
        String second = signer(keys);
        assertThat(second).isNotEqualTo(first);
        assertThat(published(keys)).as("the old key stays while its tokens live").containsExactlyInAnyOrder(first, second);

        clock.advance(MAX_TOKEN.plusMinutes(1));
        keys.rotate();
        assertThat(published(keys)).containsExactly(second);
    }

    private static String signer(SigningKeys keys) throws Exception {
        return keys.signing().get(new JWKSelector(new JWKMatcher.Builder().build()), null).getFirst().getKeyID();
    }

    private static List<String> published(SigningKeys keys) throws Exception {
        return keys.published().get(new JWKSelector(new JWKMatcher.Builder().build()), null).stream().map(JWK::getKeyID).toList();
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
