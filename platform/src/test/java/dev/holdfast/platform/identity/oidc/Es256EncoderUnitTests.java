package dev.holdfast.platform.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** ES256 tokens signed through BouncyCastle read as Spring's encoder writes them, and the JDK verifies them. */
class Es256EncoderUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void signsTokensTheJdkVerifiesWithTheSameHeaderAndClaimsAsSpringsEncoder() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
        var keys = new ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext>(new JWKSet(List.of(rsa, key)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("https://id.example.org").subject("alice")
                .audience(List.of("crm")).issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(300)).id("jti-1")
                .claim("groups", List.of("sales", "admins")).claim("auth_time", now.getEpochSecond()).claim("sid", "s-1").build();
        var parameters = JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).type("JWT").build(), claims);

        Jwt ours = new Es256Encoder(keys).encode(parameters);
        Jwt springs = new NimbusJwtEncoder(keys).encode(parameters);

        assertThat(part(ours, 0)).isEqualTo(part(springs, 0)).containsEntry("alg", "ES256").containsEntry("kid", "ec-1");
        assertThat(part(ours, 1)).isEqualTo(part(springs, 1)).containsEntry("exp", (int) now.plusSeconds(300).getEpochSecond());
        assertThat(ours.getHeaders()).isEqualTo(springs.getHeaders());
        assertThat(ours.getClaims()).isEqualTo(springs.getClaims());
        String token = ours.getTokenValue();
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        assertThat(signature).as("R and S, 32 bytes each").hasSize(64);
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        jdk.initVerify(key.toECPublicKey());
        jdk.update(token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(signature)).as("the JDK's ECDSA verifies the signature").isTrue();
    }

    @Test
    void leavesOtherAlgorithmsToSpringsEncoder() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
        var keys = new ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext>(new JWKSet(List.of(rsa, ec)));
        var claims = JwtClaimsSet.builder().subject("alice").expiresAt(Instant.now().plusSeconds(60)).build();

        Jwt token = new Es256Encoder(keys).encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));

        assertThat(part(token, 0)).containsEntry("alg", "RS256").containsEntry("kid", "rsa-1");
        assertThat(NimbusJwtDecoder.withPublicKey(rsa.toRSAPublicKey()).build().decode(token.getTokenValue()).getSubject())
                .isEqualTo("alice");
    }

    /** RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample"; the nonce is derived, so the signature is fixed. */
    @Test
    void signsRfc6979sSampleMessageWithItsDeterministicSignature() {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        var key = new ECPrivateKeyParameters(new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16),
                new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH()));

        byte[] signature = new Es256Encoder.Signer(key).sign("sample".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().withUpperCase().formatHex(signature)).isEqualTo(
                "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    }

    private static Map<String, Object> part(Jwt jwt, int index) {
        return JSON.readValue(Base64.getUrlDecoder().decode(jwt.getTokenValue().split("\\.")[index]),
                new TypeReference<Map<String, Object>>() {});
    }
}
