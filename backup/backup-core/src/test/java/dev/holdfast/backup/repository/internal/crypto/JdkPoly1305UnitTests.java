package dev.holdfast.backup.repository.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** The JDK's Poly1305 (opened to the tests as the CLI's manifest opens it) gives BouncyCastle's Poly1305-AES tags. */
class JdkPoly1305UnitTests {

    @Test
    void isUsedWhenTheJvmOpensIt() {
        assertThat(JdkPoly1305.AVAILABLE).isTrue();
    }

    @Test
    void givesTheSameTagsAsBouncyCastleForPoly1305Aes() throws Exception {
        Random random = new Random(7);
        Object jdk = JdkPoly1305.create();
        for (int length : new int[] {0, 1, 15, 16, 17, 8191, 8192, 8193, 100_000, 1 << 20}) {
            byte[] r = new byte[16];
            byte[] k = new byte[16];
            byte[] nonce = new byte[16];
            byte[] data = new byte[length + 5];
            random.nextBytes(r);
            random.nextBytes(k);
            random.nextBytes(nonce);
            random.nextBytes(data);

            Poly1305 bc = new Poly1305(AESEngine.newInstance());
            byte[] rk = new byte[32];
            System.arraycopy(r, 0, rk, 0, 16);
            System.arraycopy(k, 0, rk, 16, 16);
            bc.init(new ParametersWithIV(new KeyParameter(rk), nonce));
            bc.update(data, 5, length);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);

            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
            byte[] rs = new byte[32];
            System.arraycopy(r, 0, rs, 0, 16);
            aes.doFinal(nonce, 0, 16, rs, 16);
            byte[] tag = new byte[16];
            JdkPoly1305.mac(jdk, rs, data, 5, length, tag, 0);

            assertThat(tag).as("length %d", length).isEqualTo(expected);
        }
    }
}
